package repeats

import (
	"context"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

func pass(t *testing.T, src string) *analyzer.Pass {
	t.Helper()
	tree, err := syntax.Parse(context.Background(), syntax.JavaScript, []byte(src), syntax.Options{})
	if err != nil || tree.HasErrors() {
		t.Fatalf("parse: %v", err)
	}
	sc := scope.Build(tree)
	return &analyzer.Pass{Tree: tree, Scope: sc, Life: lifecycle.Build(tree, sc, lifecycle.Config{})}
}

// callNamed returns the first call of a function called name.
func callNamed(t *testing.T, p *analyzer.Pass, name string) syntax.Node {
	t.Helper()
	var found syntax.Node
	p.Tree.Root().Walk(func(n syntax.Node) bool {
		if !found.Valid() && n.Kind() == "call_expression" && n.Get("function").Text() == name {
			found = n
		}
		return !found.Valid()
	})
	if !found.Valid() {
		t.Fatalf("no call of %s", name)
	}
	return found
}

// The options of Once are the only differences between the rules that ask
// whether code runs once; each must change the answer it names.
func TestRunsOnceOptions(t *testing.T) {
	cases := []struct {
		name, src string
		once      Once
		want      bool
	}{
		{"top level", "reg();", Once{}, true},
		{"top-level loop, loops bounded", "for (const x of xs) reg();", Once{}, true},
		{"top-level loop, loops repeat", "for (const x of xs) reg();", Once{LoopsRepeat: true}, false},
		{"IIFE", "(function () { reg(); })();", Once{}, true},
		{"IIFE by call", "(function () { reg(); }).call(this);", Once{}, true},
		{"called once at load", "function init() { reg(); }\ninit();", Once{Depth: 3}, true},
		{"called in a handler", "function init() { reg(); }\nbtn.onclick = () => init();", Once{Depth: 3}, false},
		{"never called here", "function init() { reg(); }", Once{Depth: 3}, false},
		{"exported, exports may repeat", "export function init() { reg(); }\ninit();", Once{Depth: 3, ExportedRepeats: true}, false},
		{"exported, called once here", "export function init() { reg(); }\ninit();", Once{Depth: 3}, true},
		{"then callback, not followed", "function init() { load().then(() => reg()); }\ninit();", Once{Depth: 3}, false},
		{"then callback of start-up", "function init() { load().then(() => reg()); }\ninit();", Once{Depth: 3, ThenOnce: true}, true},
		{"known by the rule", "class Store { constructor() { reg(); } }", Once{Known: func(fn syntax.Node) bool { return fn.Kind() == "method_definition" }}, true},
		{"deeper than asked", "function a() { reg(); }\nfunction b() { a(); }\nb();", Once{Depth: 0}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := pass(t, c.src)
			if got := RunsOnce(p, callNamed(t, p, "reg"), c.once); got != c.want {
				t.Errorf("RunsOnce = %v, want %v", got, c.want)
			}
		})
	}
}

// What makes a registration run again and again, as listener-added-per-call
// and any other rule that asks sees it.
func TestFinderOf(t *testing.T) {
	listeners := func(call syntax.Node) (Registration, bool) {
		fn := call.Get("function")
		if fn.Kind() != "member_expression" || fn.Get("property").Text() != "on" {
			return Registration{}, false
		}
		args := call.Get("arguments")
		return Registration{Target: fn.Get("object"), Event: args.Child(0), Handler: args.Child(1)}, true
	}
	cases := []struct {
		name, src string
		want      Kind // 0: nothing repeats it
		phrase    string
	}{
		{"route handler", `app.get("/x", (req, res) => { reg(); });`, Request, "each request"},
		{"handler by signature", `function handle(req, res) { reg(); }`, Request, "each request"},
		{"repeating event", `sock.on("data", () => { reg(); });`, Event, `each "data" event`},
		{"one-shot event", `server.on("listening", () => { reg(); });`, 0, ""},
		{"interval", `setInterval(() => { reg(); }, 100);`, Tick, "each setInterval tick"},
		{"iteration", `items.forEach((x) => { reg(); });`, Loop, "each forEach iteration"},
		{"loop", `for (const x of xs) { reg(); }`, Loop, "each loop iteration"},
		{"helper called per request", "function helper() { reg(); }\napp.post(\"/y\", (req, res) => helper());", Request, "each request"},
		{"plain function", `function setup() { reg(); }`, 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := pass(t, c.src)
			r := New(p, listeners).Of(callNamed(t, p, "reg"), nil)
			switch {
			case c.want == 0 && r != nil:
				t.Errorf("repeats on %q, want nothing", r.Phrase)
			case c.want != 0 && r == nil:
				t.Errorf("nothing repeats it, want %q", c.phrase)
			case r != nil && (r.Kind != c.want || !strings.HasPrefix(r.Phrase, c.phrase)):
				t.Errorf("repeat %d %q, want %d %q", r.Kind, r.Phrase, c.want, c.phrase)
			}
		})
	}
}

// Each of Options changes the answer it names, and the zero value is the
// listener rule's.
func TestFinderOptions(t *testing.T) {
	listeners := func(call syntax.Node) (Registration, bool) {
		fn := call.Get("function")
		if fn.Kind() != "member_expression" || fn.Get("property").Text() != "on" {
			return Registration{}, false
		}
		args := call.Get("arguments")
		return Registration{Target: fn.Get("object"), Event: args.Child(0), Handler: args.Child(1)}, true
	}
	cases := []struct {
		name, src string
		opt       Options
		want      Kind // 0: nothing repeats it
		event     string
	}{
		{"helper followed to its caller", "function helper() { reg(); }\napp.post(\"/y\", (req, res) => helper());", Options{}, Request, ""},
		{"enclosing: the helper alone", "function helper() { reg(); }\napp.post(\"/y\", (req, res) => helper());", Options{Enclosing: true}, 0, ""},
		{"loop over items: one each, on purpose", "for (const x of xs) { reg(x); }", Options{}, 0, ""},
		{"enclosing: every iteration repeats", "for (const x of xs) { reg(x); }", Options{Enclosing: true}, Loop, ""},
		{"iteration callback", `items.forEach((x) => { reg(); });`, Options{}, Loop, ""},
		{"calls only: no iteration callback", `items.forEach((x) => { reg(); });`, Options{CallsOnly: true}, 0, ""},
		{"one-shot event", `server.on("listening", () => { reg(); });`, Options{}, 0, ""},
		{"any event", `server.on("listening", () => { reg(); });`, Options{AnyEvent: true}, Event, "listening"},
		{"router by name", `router.get("x", () => { reg(); });`, Options{}, Request, ""},
		{"router by path, not a path", `router.get("x", () => { reg(); });`, Options{RoutePaths: true}, 0, ""},
		{"route path, any receiver", `svc.get("/x", () => { reg(); });`, Options{RoutePaths: true}, Request, ""},
		{"hook body", "import React from 'react';\nfunction useThing() { reg(); }", Options{}, 0, ""},
		{"hook body renders", "import React from 'react';\nfunction useThing() { reg(); }", Options{Enclosing: true, Renders: true}, Render, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := pass(t, c.src)
			r := NewWith(p, listeners, c.opt).Of(callNamed(t, p, "reg"), nil)
			switch {
			case c.want == 0 && r != nil:
				t.Errorf("repeats on %q, want nothing", r.Phrase)
			case c.want != 0 && r == nil:
				t.Errorf("nothing repeats it, want kind %d", c.want)
			case r != nil && (r.Kind != c.want || r.Event != c.event):
				t.Errorf("repeat %d (event %q), want %d (event %q)", r.Kind, r.Event, c.want, c.event)
			}
		})
	}
}
