package main

import (
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Each snippet is valid code the pinned grammars reject; the counter must
// name its construct from where tree-sitter reports the first error.
func TestClassify(t *testing.T) {
	cases := []struct {
		lang syntax.Lang
		src  string
		want string
	}{
		{syntax.JavaScript, "export {\n  start,\n  stop\n}\nfrom './timers';\n", "`export {...}` with `from`"},
		{syntax.TypeScript, "export type * from './shapes';\n", "`export type * from`"},
		{syntax.TypeScript, "let handlers: import('./bus').Handler[] = [];\n", "`import('m').T` type"},
		{syntax.TypeScript, "const mod = load<typeof import('./plugin')>();\n", "`typeof import(...)`"},
		{syntax.TypeScript, "interface Box<in out T> { value: T }\n", "`in`/`out` variance"},
		{syntax.TypeScript, "declare module 'events' {\n  global {\n    interface Window { bus: unknown }\n  }\n}\n", "`global { }`"},
		{syntax.TypeScript, "interface Options {\n  abstract: boolean;\n}\n", "keyword as a property"},
		{syntax.TypeScript, "type Listener = (string) => void;\n", "predefined type name"},
		{syntax.TypeScript, "class Store { static accessor count: number; }\n", "`accessor` field"},
		{syntax.TypeScript, "const size = measure<string>?.(label);\n", "optional call with type arguments"},
		{syntax.TypeScript, "type Route = {\n  <P>(path: P): Route\n  <Q>(path: Q, extra: number): Route\n};\n", "call signatures on lines"},
		{syntax.JavaScript, "{ using res = getRes(); }\n", "`using` declaration"},
		{syntax.JavaScript, "@(registry.tag)\nclass Widget {}\n", "parenthesised decorator"},
		{syntax.JavaScript, "function f( {\n", "other"},
	}
	for _, c := range cases {
		r, err := parseOne(file{path: "snippet", lang: c.lang, src: []byte(c.src)})
		if err != nil {
			t.Fatal(err)
		}
		if r == nil {
			t.Errorf("%q: no syntax error; the snippet no longer shows a misparse", c.src)
			continue
		}
		if got := classify(*r); !strings.HasPrefix(got, c.want) {
			t.Errorf("%q: construct %q, want one starting with %q (first error at %d:%d, %s)", c.src, got, c.want, r.line, r.col, r.context)
		}
	}
}
