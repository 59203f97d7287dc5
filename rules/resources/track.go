// This file follows an acquired resource through the function that opened
// it: who closes it, where it escapes, what consumes it.

package resources

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// fate is what happens to an opened resource in the code that can see it.
type fate struct {
	closes []syntax.Node // calls that close it
	// escaped: returned, passed to a function, kept in an object, aliased,
	// or assigned something we cannot follow; someone else may close it.
	escaped bool
	// captured: read by a closure that outlives the function (returned or
	// stored), which may keep using it.
	captured bool
	consumed bool // piped, iterated, or read to its end through its events
	service  bool // serves events or subscriptions after the function returns
	// stored holds the member or outer variable it is assigned to.
	stored syntax.Node
	// lastWrite is the .write of fs.createWriteStream(p).write(data), a
	// stream used once in a chain.
	lastWrite syntax.Node
}

func (v *notClosed) check(a acquisition) {
	p := v.p
	n := a.node
	if field := classField(n); field.Valid() {
		v.checkField(a, field)
		return
	}
	if p.Life.RunsAtLoad(n) {
		return // a singleton for the life of the program
	}
	if a.wrapper != "" && astutil.SetupName(astutil.FunctionName(astutil.EnclosingFunction(n))) {
		// init() or connect() of the project's own data layer opens the
		// clients the program keeps; how long they live is decided there.
		return
	}
	o := p.Life.OwnerOf(n)
	if a.callback.Valid() {
		v.checkCallback(a, o)
		return
	}
	val := n
	if a.async {
		up := parentSkipping(n, "parenthesized_expression")
		switch {
		case up.Kind() == "await_expression":
			val = up
		case up.Kind() == "member_expression" && up.Get("property").Text() == "then":
			if call := up.Parent(); call.Kind() == "call_expression" {
				if cb := scope.Unwrap(astutil.Arg(call, 0)); scope.IsFunction(cb) {
					a.callback, a.param = cb, 0
					v.checkCallback(a, o)
				}
			}
			return
		case up.Kind() == "expression_statement" && !a.checkout && a.wrapper == "":
			v.reportNever(a, o, fate{}, syntax.Node{})
			return
		default:
			return // a promise handed on: whoever awaits it owns the resource
		}
	}
	if usingDeclaration(val) {
		return
	}
	// fs.createWriteStream(p).on("error", log): listener methods return
	// the stream itself; follow the chain to where the value goes.
	var chained fate
	for {
		up := parentSkipping(val, "parenthesized_expression")
		call := up.Parent()
		if up.Kind() != "member_expression" || !fluent[up.Get("property").Text()] ||
			call.Kind() != "call_expression" || call.Get("function").Index() != up.Index() {
			break
		}
		v.classifyMember(a, &chained, up)
		val = call
	}
	if chained.consumed || chained.escaped || len(chained.closes) > 0 {
		return
	}
	use := astutil.UseOf(val)
	switch use.Kind {
	case "discarded":
		if chained.service {
			return
		}
		if a.kind.selfRunning || a.kind == workerKind || a.checkout && !a.evidence {
			return // a worker started for its side effects may end itself
		}
		if a.wrapper != "" {
			return // the project's connect() may keep the client it makes
		}
		v.decide(a, o, fate{}, nil, syntax.Node{})
	case "variable":
		b := p.Scope.Resolve(use.Holder)
		home := astutil.EnclosingFunction(n)
		if !home.Valid() && o != nil {
			home = o.Setup // the top level of <script setup> or a Svelte instance script
		}
		if b == nil || b.Scope.Function() == nil || b.Scope.Function().Node.Index() != home.Index() {
			v.decideStored(a, o, use.Holder)
			return
		}
		f := v.track(a, b, home)
		f.service = f.service || chained.service
		if f.stored.Valid() {
			if o != nil && v.closedInTeardown(o, p.Scope.Key(use.Holder)) {
				// const ws = new WebSocket(url); ref.current = ws; return
				// () => ws.close(): the teardown closes it through the
				// local, whatever else keeps it.
				return
			}
			v.decideStored(a, o, f.stored)
			return
		}
		var decl syntax.Node
		if d := use.Holder.Parent(); d.Kind() == "variable_declarator" && d.Parent().ChildCount() == 1 {
			decl = d.Parent()
		}
		v.decide(a, o, f, b, decl)
	case "member":
		v.decideStored(a, o, use.Holder)
	case "argument":
		// fs.writeSync(fs.openSync(p, "w"), data): fs functions borrow a
		// descriptor, they never close it.
		if a.kind == fdKind && !a.async {
			call := use.Holder
			if o := origin(p, call.Get("function")); strings.HasPrefix(o, "fs:") && !fsClose(o) &&
				scope.Unwrap(astutil.Arg(call, 0)).Index() == n.Index() {
				v.decide(a, nil, fate{}, nil, syntax.Node{})
			}
		}
	case "other":
		// fs.createWriteStream(log).write(line), new Pool().query(sql)
		up := parentSkipping(val, "parenthesized_expression")
		if up.Kind() != "member_expression" || scope.Unwrap(up.Get("object")).Index() != scope.Unwrap(val).Index() {
			return
		}
		f := chained
		v.classifyMember(a, &f, up)
		if f.escaped || f.consumed || len(f.closes) > 0 {
			return
		}
		if call := up.Parent(); a.kind == writeStreamKind && up.Get("property").Text() == "write" &&
			call.Kind() == "call_expression" && astutil.UseOf(call).Kind == "discarded" {
			f.lastWrite = up.Get("property")
		}
		v.decide(a, o, f, nil, syntax.Node{})
	}
}

// checkCallback follows a resource that arrives as a callback parameter:
// fs.open(p, "r", (err, fd) => ...), pool.connect((err, client, done) => ...),
// fsp.open(p).then((fh) => ...).
func (v *notClosed) checkCallback(a acquisition, o *lifecycle.Owner) {
	p := v.p
	params := parameters(a.callback)
	if a.param >= len(params) {
		// fs.open(p, "w", (err) => ...) and fsp.open(p).then(() => ...)
		// drop the descriptor; a checkout callback without a client
		// parameter is some other library's.
		if a.kind == fdKind || a.kind == fileHandleKind {
			v.reportNever(a, o, fate{}, syntax.Node{})
		}
		return
	}
	res := params[a.param]
	if res.Kind() != "identifier" {
		return
	}
	b := p.Scope.Resolve(res)
	if b == nil {
		return
	}
	f := v.track(a, b, a.callback)
	if a.done >= 0 && a.done < len(params) {
		if d := params[a.done]; d.Kind() == "identifier" {
			if db := p.Scope.Resolve(d); db != nil {
				if len(p.Scope.References(db)) > 0 {
					return // done() called or handed on
				}
			}
		}
	}
	if f.stored.Valid() {
		v.decideStored(a, o, f.stored)
		return
	}
	if f.escaped || f.consumed || len(f.closes) > 0 {
		return
	}
	if a.checkout && !a.evidence {
		return
	}
	if !a.kind.scoped || f.service || f.captured {
		return
	}
	v.reportNever(a, o, f, res)
}

// parameters returns a function's parameter patterns.
func parameters(fn syntax.Node) []syntax.Node {
	if p := fn.Get("parameter"); p.Valid() {
		return []syntax.Node{p}
	}
	var out []syntax.Node
	for _, c := range fn.Get("parameters").Children() {
		switch c.Kind() {
		case "required_parameter", "optional_parameter":
			out = append(out, c.Get("pattern"))
		default:
			out = append(out, c)
		}
	}
	return out
}

// track classifies every reference to the binding that holds the resource.
// home is the function whose local the binding is.
func (v *notClosed) track(a acquisition, b *scope.Binding, home syntax.Node) fate {
	p := v.p
	var f fate
	for _, r := range p.Scope.References(b) {
		if w := r.Parent(); w.Kind() == "assignment_expression" && r.Field() == "left" {
			right := scope.Unwrap(w.Get("right"))
			if right.Contains(a.node) || right.Kind() == "null" || right.Kind() == "undefined" {
				continue
			}
			f.escaped = true // reassigned: we lose track of which value is closed
			continue
		}
		if fn := astutil.EnclosingFunction(r); fn.Valid() && fn.Index() != home.Index() && v.closureEscapes(home, fn, b) {
			f.captured = true
		}
		v.classify(a, &f, r)
	}
	return f
}

// closureEscapes reports whether the outermost function between home and
// fn may run after home is done, again and again, keeping the resource in
// use: it is returned, stored, put in an object, or registered as a
// listener or route handler on something else. Callbacks that run once or
// right away (node-style callbacks, promise continuations and executors,
// array iteration, timeouts) and handlers set on the resource itself
// (ws.onopen = () => ws.send(...)) do not keep it beyond its own life.
func (v *notClosed) closureEscapes(home, fn syntax.Node, b *scope.Binding) bool {
	g := fn
	for up := astutil.EnclosingFunction(g); up.Valid() && up.Index() != home.Index(); up = astutil.EnclosingFunction(up) {
		g = up
	}
	if g.Kind() == "method_definition" {
		return true // a method of an object literal
	}
	use := astutil.UseOf(g)
	switch use.Kind {
	case "member":
		return !v.rootedIn(use.Holder, b)
	case "returned", "other":
		return true
	case "argument":
		return v.registers(use.Holder, b)
	case "variable":
		hb := v.p.Scope.Resolve(use.Holder)
		if hb == nil || hb.Scope.Function() == nil || hb.Scope.Function().Node.Index() != home.Index() || v.p.Scope.Escapes(hb) {
			return true
		}
		for _, r := range v.p.Scope.References(hb) {
			if up := parentSkipping(r, "parenthesized_expression"); up.Kind() == "arguments" && v.registers(up.Parent(), b) {
				return true
			}
		}
	}
	return false
}

// registers reports a call that keeps a callback for repeated use: a
// listener or route handler added to something other than the resource.
func (v *notClosed) registers(call syntax.Node, b *scope.Binding) bool {
	if call.Kind() != "call_expression" {
		return false // new Promise(executor)
	}
	recv, name := astutil.Method(call)
	if !recv.Valid() {
		return name == "setInterval"
	}
	if v.rootedIn(recv, b) {
		return false
	}
	return listenerMethods[name] && !strings.Contains(name, "nce") || routeMethods[name] || name == "subscribe" || name == "setInterval"
}

// rootedIn reports x, x.y or x.y.z for the binding's x.
func (v *notClosed) rootedIn(n syntax.Node, b *scope.Binding) bool {
	n = scope.Unwrap(n)
	for n.Kind() == "member_expression" {
		n = scope.Unwrap(n.Get("object"))
	}
	return n.Kind() == "identifier" && v.p.Scope.Resolve(n) == b
}

func parentSkipping(n syntax.Node, kinds ...string) syntax.Node {
	p := n.Parent()
	for p.Is(kinds...) {
		p = p.Parent()
	}
	return p
}

func fsClose(o string) bool {
	return o == "fs:close" || o == "fs:closeSync"
}

// classify reads one reference to the resource.
func (v *notClosed) classify(a acquisition, f *fate, r syntax.Node) {
	p := v.p
	if r.Kind() == "shorthand_property_identifier" {
		f.escaped = true // { client }
		return
	}
	child := r
	up := r.Parent()
	for up.Is("parenthesized_expression", "non_null_expression", "as_expression", "satisfies_expression") {
		child, up = up, up.Parent()
	}
	switch up.Kind() {
	case "member_expression":
		if child.Field() == "object" {
			v.classifyMember(a, f, up)
		}
	case "arguments":
		call := up.Parent()
		if call.Kind() != "call_expression" {
			f.escaped = true // new Transform(stream), new Interface(...)
			return
		}
		o := origin(p, call.Get("function"))
		recv, name := astutil.Method(call)
		switch {
		case fsClose(o):
			f.closes = append(f.closes, call)
		case strings.HasPrefix(o, "fs:") && a.kind == fdKind:
			// fs.readSync(fd, ...) borrows the descriptor
		case strings.HasPrefix(o, "global:console."):
		case name == "pipe" && recv.Valid():
			f.consumed = true // source.pipe(dest) ends dest
		default:
			if borrows, closes := v.wrapperBorrows(a, call); closes {
				f.closes = append(f.closes, call)
				return
			} else if borrows {
				return
			}
			f.escaped = true // pipeline(...), finished(...), a helper
		}
	case "call_expression":
		if child.Field() == "function" {
			f.closes = append(f.closes, up) // release() handed to a callback
		}
	case "return_statement", "yield_expression", "spread_element", "array", "pair",
		"ternary_expression", "jsx_expression", "variable_declarator", "new_expression",
		"object", "sequence_expression", "export_specifier":
		f.escaped = true
	case "arrow_function":
		if child.Field() == "body" {
			f.escaped = true
		}
	case "binary_expression":
		switch up.Child(0).NextSibling().Kind() {
		case "||", "&&", "??":
			f.escaped = true
		}
	case "assignment_expression":
		if child.Field() != "right" {
			return
		}
		left := scope.Unwrap(up.Get("left"))
		f.escaped = true
		if left.Kind() == "member_expression" || left.Kind() == "identifier" {
			f.stored = left
		}
	case "for_in_statement":
		if child.Field() == "right" {
			f.consumed = true // for await (const chunk of stream)
		}
	}
}

// classifyMember reads x.prop, x.method(...) and x.onevent = fn.
func (v *notClosed) classifyMember(a acquisition, f *fate, m syntax.Node) {
	prop := m.Get("property").Text()
	up := parentSkipping(m, "parenthesized_expression")
	switch {
	case up.Kind() == "call_expression" && up.Get("function").Index() == m.Index():
		switch {
		case closers[prop]:
			f.closes = append(f.closes, up)
		case handoffs[prop]:
			f.consumed = true
		case listenerMethods[prop]:
			ev, _ := astutil.StringValue(astutil.Arg(up, 0))
			if a.kind.consumers[ev] {
				f.consumed = true
			}
			if a.kind.services[ev] {
				f.service = true
			}
		case a.kind.services[prop]:
			f.service = true
		case prop == "then" || prop == "catch" || prop == "finally":
			f.escaped = true
		case (handles[prop] || grpcCalls[prop]) && v.handleEscapes(up):
			f.escaped = true // db = client.db("app"): the handle keeps the client in use
		}
	case closers[prop] && up.Kind() == "arguments":
		f.closes = append(f.closes, m) // .finally(client.release), on("end", fd.close)
	}
}

// usingDeclaration reports `using x = ...` and `await using x = ...`.
func usingDeclaration(val syntax.Node) bool {
	for p := val.Parent(); p.Valid(); p = p.Parent() {
		switch p.Kind() {
		case "assignment_expression":
			// TypeScript parses `using x = ...` as an assignment with a
			// using token; the JavaScript grammar recovers from it with an
			// error node holding `using` or the name.
			if p.HasToken("using") || p.Get("left").Text() == "using" {
				return true
			}
			prev := p.PrevNamed()
			if !prev.Valid() {
				for c := p.Parent().FirstChild(); c.Valid() && c.Index() != p.Index(); c = c.NextSibling() {
					prev = c
				}
			}
			return prev.IsError() && strings.TrimSpace(prev.Text()) == "using"
		case "lexical_declaration":
			return strings.Contains(p.Get("kind").Text(), "using")
		case "variable_declarator", "await_expression", "parenthesized_expression":
			continue
		}
		return false
	}
	return false
}
