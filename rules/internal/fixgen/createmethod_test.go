package fixgen

import (
	"context"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// A class field's semicolon belongs to the class body; a teardown created
// after an arrow-function field must come after it, not between the field
// and its semicolon.
func TestCreateMethodAfterFieldSemicolon(t *testing.T) {
	src := `import { Component } from "react";

class Spellcheck extends Component {
  enable = () => {
    this.worker = new Worker("/w.js");
  };

  render() {
    return null;
  }
}
`
	tree, err := syntax.Parse(context.Background(), syntax.JavaScript, []byte(src), syntax.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sc := scope.Build(tree)
	p := &analyzer.Pass{Tree: tree, Scope: sc, Life: lifecycle.Build(tree, sc, lifecycle.Config{})}
	var reg syntax.Node
	tree.Root().Walk(func(n syntax.Node) bool {
		if n.Kind() == "new_expression" {
			reg = n
		}
		return true
	})
	o := p.Life.OwnerOf(reg)
	if o == nil {
		t.Fatal("no owner")
	}
	b := New(p)
	if !b.AddCleanup(o, reg, []string{"this.worker?.terminate()"}) {
		t.Fatal("AddCleanup failed")
	}
	got, err := analyzer.ApplyEdits(src, b.Edits)
	if err != nil {
		t.Fatal(err)
	}
	want := "  };\n\n  componentWillUnmount() {\n    this.worker?.terminate();\n  }\n\n  render() {"
	if !strings.Contains(got, want) {
		t.Errorf("teardown not placed after the field's semicolon:\n%s", got)
	}
}
