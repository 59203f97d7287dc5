package timers

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// timerAPIs is the part of the registration API table the rule follows.
var timerAPIs = apis.Use{Family: apis.Timer}

// timerFuncs are the scheduling functions the rule follows, with the
// function that cancels each (the first undo the table gives).
var timerFuncs = undoByAdder(timerAPIs)

// repeating reports a timer function that fires until cleared
// (setInterval), as opposed to one that runs once unless it re-arms.
func repeating(fn string) bool {
	a, ok := apis.Builtin().Adder(apis.Timer, fn)
	return ok && a.Repeats
}

// isTimerClear reports the function that cancels an interval or a timeout
// (clearInterval, clearTimeout): browsers and Node share one pool of ids
// between the two, so either clears either.
func isTimerClear(name string) bool {
	return name != "" && (name == timerFuncs["setInterval"] || name == timerFuncs["setTimeout"])
}

func undoByAdder(u apis.Use) map[string]string {
	m := map[string]string{}
	for _, a := range apis.Builtin().Select(u) {
		for _, n := range a.Adders {
			m[n] = a.Undos[0]
		}
	}
	return m
}

// globalObjects are the names under which the host's timer functions are
// also reachable (window.setInterval, globalThis.setTimeout, self.rAF).
var globalObjects = map[string]bool{"window": true, "globalThis": true, "self": true, "global": true}

// timersModules are the Node modules whose setInterval/setTimeout are the
// host's (timers/promises returns promises and async iterators instead).
var timersModules = map[string]bool{"timers": true, "node:timers": true}

// timerCall returns which timer function a call invokes ("setInterval",
// "setTimeout", "requestAnimationFrame"), or "" when it is none of them or
// a local function that only shares the name (a React state setter called
// setInterval, a wrapper someone wrote).
func timerCall(p *analyzer.Pass, call syntax.Node) string {
	if call.Kind() != "call_expression" {
		return ""
	}
	fn := scope.Unwrap(call.Get("function"))
	switch fn.Kind() {
	case "identifier":
		name := fn.Text()
		b := p.Scope.Resolve(fn)
		if b == nil {
			if _, ok := timerFuncs[name]; ok {
				return name
			}
			return ""
		}
		if orig := importedFromTimers(b); orig != "" {
			if _, ok := timerFuncs[orig]; ok {
				return orig
			}
		}
		if b.Kind == scope.Import {
			// A wrapper package's scheduler (import raf from "rc-util/lib/raf").
			if adder, ok := apis.Builtin().FromModule(apis.Timer, p.Life.ImportedFrom(name)); ok {
				return adder
			}
			// The project's own (import { raf } from "../utils/dom/raf").
			if apis.OwnFrameHelper(p.Life.ImportedAs(name)) {
				return "requestAnimationFrame"
			}
		}
	case "member_expression":
		name := fn.Get("property").Text()
		if _, ok := timerFuncs[name]; !ok {
			return ""
		}
		obj := scope.Unwrap(fn.Get("object"))
		if obj.Kind() != "identifier" {
			return ""
		}
		b := p.Scope.Resolve(obj)
		if b == nil {
			if globalObjects[obj.Text()] {
				return name
			}
			return ""
		}
		if timersNamespace(b) {
			return name
		}
	}
	return ""
}

// importedFromTimers returns the exported name a binding takes from Node's
// timers module (`import { setInterval as every } from "node:timers"`,
// `const { setTimeout } = require("timers")`), or "".
func importedFromTimers(b *scope.Binding) string {
	decl := b.Decl
	switch decl.Parent().Kind() {
	case "import_specifier":
		spec := decl.Parent()
		if timersModules[moduleOf(spec)] {
			return spec.Get("name").Text()
		}
	case "object_pattern", "pair_pattern":
		name := decl.Text()
		pat := decl.Parent()
		if pat.Kind() == "pair_pattern" {
			name = pat.Get("key").Text()
			pat = pat.Parent()
		}
		if d := pat.Parent(); d.Kind() == "variable_declarator" && requiresTimers(d.Get("value")) {
			return name
		}
	}
	return ""
}

// timersNamespace reports a binding for the whole timers module
// (`import * as timers from "timers"`, `import timers from "node:timers"`,
// `const timers = require("timers")`).
func timersNamespace(b *scope.Binding) bool {
	if b.Kind == scope.Import {
		for p := b.Decl.Parent(); p.Valid(); p = p.Parent() {
			if p.Kind() == "import_specifier" {
				return false
			}
			if p.Kind() == "import_statement" {
				return timersModules[moduleOf(p)]
			}
		}
		return false
	}
	return requiresTimers(b.Init)
}

func moduleOf(n syntax.Node) string {
	for p := n; p.Valid(); p = p.Parent() {
		if p.Kind() == "import_statement" {
			s, _ := astutil.StringValue(p.Get("source"))
			return s
		}
	}
	return ""
}

func requiresTimers(n syntax.Node) bool {
	n = scope.Unwrap(n)
	if n.Kind() != "call_expression" || n.Get("function").Text() != "require" {
		return false
	}
	s, ok := astutil.StringValue(astutil.Arg(n, 0))
	return ok && timersModules[s]
}

// ownFrameHelper reports a call of the project's own raf helper
// (apis.OwnFrameHelper), imported under any local name.
func ownFrameHelper(p *analyzer.Pass, call syntax.Node) bool {
	fn := scope.Unwrap(call.Get("function"))
	if fn.Kind() != "identifier" {
		return false
	}
	if b := p.Scope.Resolve(fn); b == nil || b.Kind != scope.Import {
		return false
	}
	return apis.OwnFrameHelper(p.Life.ImportedAs(fn.Text()))
}
