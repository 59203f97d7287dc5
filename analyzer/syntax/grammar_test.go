package syntax

import (
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// Valid code the grammars get right since javascript v0.23.1 and typescript
// v0.23.2, and got wrong (with an ERROR or MISSING node) in the v0.21
// releases leakwatch used before. bench/parseerrors counts such misparses on
// real code.
func TestGrammarParsesValidConstructs(t *testing.T) {
	cases := []struct {
		name string
		lang Lang
		src  string
	}{
		{"parenthesised class decorator", TypeScript, "@(registry.tag)\nclass Widget {}\n"},
		{"parenthesised decorator call", TSX, "@(registry.tag('x'))\nclass Widget {}\n"},
		{"parenthesised method decorator", TypeScript, "class Panel {\n  @(hooks.on('close')) onClose() {}\n}\n"},
		{"import assertion", TypeScript, "import cfg from './cfg.json' assert { type: 'json' };\n"},
		// Constructs that already parsed: a grammar upgrade must keep them.
		{"import attributes", TypeScript, "import cfg from './cfg.json' with { type: 'json' };\n"},
		{"property named in", TypeScript, "const range = { in: 1, out: 2 };\nrange.in = 3;\ninterface Range { in: number }\n"},
		{"typeof import() in a type", TypeScript, "let api: Promise<typeof import('./api')>;\n"},
		{"satisfies", TypeScript, "const table = { a: 1 } satisfies Record<string, number>;\n"},
		{"accessor field", TypeScript, "class Counter { accessor count = 0; }\n"},
		{"const type parameter", TypeScript, "function tuple<const T extends readonly unknown[]>(xs: T) { return xs; }\n"},
		{"using declaration", TypeScript, "using handle = openHandle();\n"},
		{"import.meta", JavaScript, "const base = import.meta.url;\n"},
		{"class static block", JavaScript, "class Registry { static { Registry.init(); } }\n"},
		{"private name in", JavaScript, "class Tag { #id; static is(o) { return #id in o; } }\n"},
		{"generic arrow in TSX", TSX, "const id = <T,>(x: T) => x;\n"},
	}
	for _, c := range cases {
		tr := mustParse(t, c.lang, c.src)
		if tr.HasErrors() {
			var b strings.Builder
			Dump(&b, tr.Root())
			t.Errorf("%s (%s): syntax errors %v in valid code:\n%s", c.name, c.lang, tr.Errors(0), b.String())
		}
	}
}

// Valid code the pinned grammars still reject: bugs in
// tree-sitter-typescript v0.23.2, the newest release (its main branch has
// no fix), and tree-sitter-javascript v0.23.1, the newest release for ABI 14.
// When an upgrade makes one of these parse, this test fails: move the case
// to TestGrammarParsesValidConstructs and re-count with bench/parseerrors.
func TestGrammarKnownMisparses(t *testing.T) {
	cases := []struct {
		name string
		lang Lang
		src  string
	}{
		{"export {...} with from on the next line", JavaScript, "export {\n  start,\n  stop\n}\nfrom './timers';\n"},
		{"export {...} with from on the next line", TypeScript, "export { start }\nfrom './timers';\n"},
		{"export type * (TypeScript 5.0)", TypeScript, "export type * from './shapes';\n"},
		{"import('m').T[] type", TypeScript, "let handlers: import('./bus').Handler[] = [];\n"},
		{"import('m').T with type arguments", TypeScript, "function emit(): import('./bus').Event<string> { return e; }\n"},
		{"typeof import() as a call's type argument", TypeScript, "const mod = load<typeof import('./plugin')>();\n"},
		{"optional call with type arguments", TypeScript, "const size = measure<string>?.(label);\n"},
		{"in/out variance on type parameters", TypeScript, "interface Box<in out T> { value: T }\n"},
		{"global block in a module declaration", TypeScript, "declare module 'events' {\n  global {\n    interface Window { bus: unknown }\n  }\n}\n"},
		{"property named abstract", TypeScript, "interface Options { abstract: boolean }\n"},
		{"parameter named using", TypeScript, "interface Finder { find(using: string): void }\n"},
		{"predefined type as a parameter name", TypeScript, "type Listener = (string) => void;\n"},
		// v0.21.2 parsed this one; v0.23.2 reads `accessor` as the name.
		{"static accessor", TypeScript, "class Store { static accessor count: number; }\n"},
		{"call signatures on lines without semicolons", TypeScript, "type Route = {\n  (path: string): Route\n  <Q>(path: Q): Route\n};\n"},
		{"parenthesised decorator in JavaScript", JavaScript, "@(registry.tag)\nclass Widget {}\n"},
	}
	for _, c := range cases {
		if tr := mustParse(t, c.lang, c.src); !tr.HasErrors() {
			t.Errorf("%s (%s): the grammar parses it now; move it to TestGrammarParsesValidConstructs", c.name, c.lang)
		}
	}
}

// The grammar hangs a for loop's initializer and condition straight off the
// loop (v0.21 wrapped both in an expression_statement); rules that look at
// loop heads depend on it.
func TestForLoopHeadShape(t *testing.T) {
	tr := mustParse(t, JavaScript, "for (i = 0; i < n; i++) {}\n")
	loop := tr.Root().Child(0)
	if !loop.Is("for_statement") {
		t.Fatalf("root's child = %v", loop)
	}
	if got := loop.Get("initializer").Kind(); got != "assignment_expression" {
		t.Errorf("initializer = %q, want assignment_expression", got)
	}
	if got := loop.Get("condition").Kind(); got != "binary_expression" {
		t.Errorf("condition = %q, want binary_expression", got)
	}
}

// Every field name of the grammars is the one copy of its Go literal
// (fieldNames), so that Node.Get compares it by address.
func TestFieldNamesAreInterned(t *testing.T) {
	for _, l := range []Lang{JavaScript, TypeScript, TSX} {
		for _, f := range grammarFor(l).fields[1:] {
			lit, ok := fieldNames[f]
			if !ok {
				t.Errorf("%v: field %q is not in fieldNames", l, f)
				continue
			}
			if unsafe.StringData(lit) != unsafe.StringData(f) {
				t.Errorf("%v: field %q is a copy of its literal", l, f)
			}
		}
	}
	// The copy a caller's literal is.
	if f := grammarFor(TSX).fields; !slices.ContainsFunc(f, func(s string) bool {
		return s == "function" && unsafe.StringData(s) == unsafe.StringData("function")
	}) {
		t.Error(`the grammar's "function" is not the program's literal`)
	}
}
