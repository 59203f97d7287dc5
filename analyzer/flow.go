package analyzer

import (
	"bytes"
	"context"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// flowGrammar picks the grammar for a .js file that carries a Flow pragma
// (`// @flow` in its leading comments). The JavaScript grammar does not know
// Flow's annotations (`type Props = {...}`, `(props: Props)`, `?string`,
// `class C extends Base<Props, State>`), so such files come out full of
// syntax errors and the rules miss whatever sits inside the broken parts.
// The TSX grammar reads most of Flow's annotations (it even has a node for
// `?T`), but not all (`{| |}`, `%checks`, typecasts), so it is chosen only
// when it leaves fewer errors than the JavaScript grammar: a Flow file the
// JavaScript grammar reads cleanly stays JavaScript.
func flowGrammar(src []byte) syntax.Lang {
	if !hasFlowPragma(src) {
		return syntax.JavaScript
	}
	ctx := context.Background()
	opt := syntax.Options{Timeout: DefaultParseTimeout}
	js, err := syntax.Parse(ctx, syntax.JavaScript, src, opt)
	if err != nil || !js.HasErrors() {
		return syntax.JavaScript
	}
	tsx, err := syntax.Parse(ctx, syntax.TSX, src, opt)
	if err != nil {
		return syntax.JavaScript
	}
	if tsxErrs := len(tsx.Errors(0)); tsxErrs < len(js.Errors(0)) {
		return syntax.TSX
	}
	return syntax.JavaScript
}

// hasFlowPragma reports whether @flow appears in the comments before the
// first line of code, which is where Flow looks for it.
func hasFlowPragma(src []byte) bool {
	rest := src
	for {
		rest = bytes.TrimLeft(rest, " \t\r\n\ufeff")
		switch {
		case bytes.HasPrefix(rest, []byte("//")):
			line := rest
			if i := bytes.IndexByte(rest, '\n'); i >= 0 {
				line, rest = rest[:i], rest[i+1:]
			} else {
				rest = nil
			}
			if flowWord(line) {
				return true
			}
		case bytes.HasPrefix(rest, []byte("/*")):
			end := bytes.Index(rest[2:], []byte("*/"))
			if end < 0 {
				return flowWord(rest)
			}
			if flowWord(rest[:end+2]) {
				return true
			}
			rest = rest[end+4:]
		default:
			return false
		}
	}
}

// flowWord reports "@flow" as a word of comment text (not "@flowtype").
func flowWord(comment []byte) bool {
	for i := 0; ; {
		j := bytes.Index(comment[i:], []byte("@flow"))
		if j < 0 {
			return false
		}
		end := i + j + len("@flow")
		if end == len(comment) || !isIdentByte(comment[end]) {
			return true
		}
		i = end
	}
}

func isIdentByte(b byte) bool {
	return b == '_' || b == '$' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}
