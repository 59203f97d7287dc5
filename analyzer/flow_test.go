package analyzer

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

func TestHasFlowPragma(t *testing.T) {
	for _, c := range []struct {
		src  string
		want bool
	}{
		{"// @flow\nimport x from 'y';", true},
		{"/**\n * Copyright\n * @flow strict\n */\nconst a = 1;", true},
		{"'use strict';\n// @flow\n", false}, // after code: not a pragma
		{"// @flowtype is not the pragma\nconst a = 1;", false},
		{"const a = 1; // @flow", false},
		{"/* unterminated @flow", true},
		{"", false},
	} {
		if got := hasFlowPragma([]byte(c.src)); got != c.want {
			t.Errorf("hasFlowPragma(%q) = %v, want %v", c.src, got, c.want)
		}
	}
}

func TestFlowFilesParseWithFewerErrors(t *testing.T) {
	flow := []byte(`// @flow
import * as React from 'react';
type Props = { name: ?string };
class Hello extends React.PureComponent<Props> {
  componentDidMount () { window.addEventListener('resize', this.onResize); }
  onResize (e: Event) {}
  render () { return <div>{this.props.name}</div>; }
}
`)
	if got := flowGrammar(flow); got != syntax.TSX {
		t.Fatalf("annotated Flow file: grammar %v, want tsx", got)
	}
	plain := []byte("// @flow\nconst a = <div>{1}</div>;\n")
	if got := flowGrammar(plain); got != syntax.JavaScript {
		t.Errorf("Flow file the JavaScript grammar reads: grammar %v, want javascript", got)
	}
	noPragma := []byte("type Props = { name: ?string };\n")
	if got := flowGrammar(noPragma); got != syntax.JavaScript {
		t.Errorf("file without the pragma: grammar %v, want javascript", got)
	}

}
