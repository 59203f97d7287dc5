package resources

import (
	"fmt"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/analyzer/textpos"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
	"github.com/leakwatch/leakwatch/rules/internal/fixgen"
)

// NotClosed is resource-not-closed.
var NotClosed = &analyzer.Rule{
	ID:       "resource-not-closed",
	Severity: analyzer.SeverityWarning,
	Kinds:    []string{"call_expression", "new_expression"},
	APIs:     resourceAPIs,
	Needles:  resourceNeedles(),
	New:      func(p *analyzer.Pass) analyzer.Visitor { return &notClosed{p: p} },
	Doc: analyzer.Doc{
		Title: "File, stream, socket, worker or database client opened and never closed",
		Text: `Open resources hold more than memory: a file descriptor, a socket, a thread, a
connection slot in a database pool. The garbage collector does not close them, and
while one is open it keeps its buffers and callbacks alive. A function that opens a
file or checks a client out of a pool and returns without closing it, on any path,
leaks one descriptor or one pool slot per call; after enough requests the process
hits EMFILE or every request waits for a pool client that is never released.

The rule follows the value a call opens: fs.open/openSync (descriptors),
fs.promises.open (FileHandle), fs.createReadStream/createWriteStream, net and tls
sockets, WebSocket, EventSource, BroadcastChannel, Worker, and database pools and
clients (pg Pool, Client and pool.connect(), mysql/mysql2 connections, pools and
pool.getConnection(), mongodb MongoClient, redis and ioredis clients). Descriptors,
file handles and database clients opened inside a function must be closed on every
path out of it, including early returns and awaits that reject; the reliable shape
is try/finally or a using declaration.

Inside an owner (a React effect, a class or Vue/Angular/Svelte/Lit component with a
teardown) the close belongs in the teardown. Connections that live on through their
handlers (WebSocket, EventSource, sockets, subscribers) are reported outside owners
only where they are opened again and again: per request, per event, per loop
iteration or per render. Resources created at module top level are singletons and
never reported.`,
		Accepts: []string{
			"a close on every path: close / closeSync / end / destroy / release / quit / disconnect / terminate, fs.close(fd) and fs.closeSync(fd), a pg connect() callback's done()",
			"try { ... } finally { x.close() } (also a close inside .finally(...))",
			"using and await using declarations",
			"returning the resource, or passing it to a function (pipeline(...), stream.finished(...), Readable.toWeb(...), a helper that takes ownership)",
			"storing it in a member, a module or outer variable, or an object outside an owner; inside an owner, storing it and closing it in the teardown",
			"consuming a stream: .pipe(...), for await ... of, .on(\"data\" | \"end\" | \"close\" | \"finish\", ...), a FileHandle's createReadStream() or readLines()",
			"a close in a callback (stream.on(\"finish\", () => fs.closeSync(fd)), ws.onerror = () => ws.close(), req.on(\"close\", () => client.release()))",
			"closing in the owner's teardown: the effect's returned cleanup, componentWillUnmount, ngOnDestroy, beforeUnmount/onBeforeUnmount, onDestroy, disconnectedCallback, dispose/destroy/close/...",
			"resources created at module top level (singletons), and long-lived connections (handlers attached, a Redis subscriber, a pg LISTEN client) opened by a function that runs once",
			"a resource a longer-lived closure or handle keeps using: captured by a returned function or object, a route handler or listener registered elsewhere, or a MongoClient whose db()/collection() handle is returned or stored",
			"await-only exits that cannot reject (await p.catch(...), Promise.allSettled) and early returns guarded by a check of the resource itself (if (!fh) return)",
		},
		Bad: analyzer.Example{Path: "users.js", Code: `import express from "express";
import pg from "pg";

const pool = new pg.Pool();
const app = express();

app.get("/users/:id", async (req, res) => {
  const client = await pool.connect();
  const { rows } = await client.query("SELECT * FROM users WHERE id = $1", [req.params.id]);
  client.release();
  res.json(rows[0]);
});
`},
		Good: analyzer.Example{Path: "users.js", Code: `import express from "express";
import pg from "pg";

const pool = new pg.Pool();
const app = express();

app.get("/users/:id", async (req, res) => {
  const client = await pool.connect();
  try {
    const { rows } = await client.query("SELECT * FROM users WHERE id = $1", [req.params.id]);
    res.json(rows[0]);
  } finally {
    client.release();
  }
});
`},
	},
}

type notClosed struct {
	p  *analyzer.Pass
	ix *textpos.Index
	// db caches whether the file imports a database driver.
	db *bool
}

// acquisition is a call or `new` that opens a resource.
type acquisition struct {
	node syntax.Node
	kind *kind
	from string // "fs.openSync()", "new WebSocket()"
	// async: the call resolves to the resource (await it, or .then(cb)).
	async bool
	// callback: the resource arrives as parameter param of the last
	// argument; done is the index of a release callback parameter (pg).
	callback    syntax.Node
	param, done int
	checkout    bool
	evidence    bool // a checkout known to come from a pg or mysql pool
}

func (v *notClosed) Visit(n syntax.Node) {
	a, ok := v.acquire(n)
	if !ok {
		return
	}
	a.from = describeCall(n)
	v.check(a)
}

// acquire recognises the calls that open a resource.
func (v *notClosed) acquire(n syntax.Node) (acquisition, bool) {
	p := v.p
	a := acquisition{node: n, param: -1, done: -1}
	if n.Kind() == "new_expression" {
		o := origin(p, n.Get("constructor"))
		k := constructors[o]
		if k == nil {
			return a, false
		}
		a.kind = k
		return a, true
	}
	fn := scope.Unwrap(n.Get("function"))
	if fn.Kind() == "member_expression" && !callNames[fn.Get("property").Text()] {
		return a, false // most calls: not worth resolving
	}
	o := origin(p, fn)
	if k := calls[o]; k != nil {
		a.kind = k
		a.async = promised[o]
		switch o {
		case "fs:open":
			// fs.open(path, flags, (err, fd) => ...)
			cb := lastFunctionArg(n)
			if !cb.Valid() {
				return a, false // util.promisify(fs.open) and friends
			}
			a.callback, a.param = cb, 1
		case "mongodb:MongoClient.connect":
			if cb := lastFunctionArg(n); cb.Valid() {
				a.callback, a.param, a.async = cb, 1, false
			}
		}
		return a, true
	}
	// Pool checkouts: pool.connect() (pg) and pool.getConnection() (mysql).
	recv, name := astutil.Method(n)
	if name != "connect" && name != "getConnection" || !v.poolish(recv) {
		return a, false
	}
	args := astutil.Args(n)
	cb := lastFunctionArg(n)
	if len(args) > 1 || len(args) == 1 && !cb.Valid() {
		return a, false
	}
	a.checkout = true
	a.evidence = v.knownPool(recv) || v.dbFile()
	if name == "connect" {
		if strings.Contains(p.Tree.Src, "mssql") {
			return a, false // mssql's pool.connect() resolves to the pool itself
		}
		a.kind = checkoutKind
		if cb.Valid() {
			a.callback, a.param, a.done = cb, 1, 2
		}
	} else {
		a.kind = pooledConnKind
		if cb.Valid() {
			a.callback, a.param = cb, 1
		}
	}
	a.async = !cb.Valid()
	return a, true
}

// poolish accepts `pool`, `this.pool`, `db.readPool`, `pool.promise()`.
func (v *notClosed) poolish(recv syntax.Node) bool {
	recv = scope.Unwrap(recv)
	for recv.Kind() == "call_expression" && astutil.MethodName(recv) == "promise" {
		recv, _ = astutil.Method(recv)
		recv = scope.Unwrap(recv)
	}
	switch recv.Kind() {
	case "identifier":
	case "member_expression":
		recv = recv.Get("property")
	default:
		return false
	}
	return strings.Contains(strings.ToLower(recv.Text()), "pool")
}

// knownPool reports a receiver declared in this file as a pg or mysql pool.
func (v *notClosed) knownPool(recv syntax.Node) bool {
	recv = scope.Unwrap(recv)
	if recv.Kind() != "identifier" {
		return false
	}
	b := v.p.Scope.Resolve(recv)
	if b == nil {
		return false
	}
	init := scope.Unwrap(b.Init)
	if init.Kind() == "await_expression" {
		init = scope.Unwrap(init.Child(0))
	}
	switch init.Kind() {
	case "new_expression":
		return constructors[origin(v.p, init.Get("constructor"))] == pgPoolKind
	case "call_expression":
		return calls[origin(v.p, init.Get("function"))] == mysqlPoolKind
	}
	return false
}

// dbFile reports whether the file imports a driver whose checkouts the
// rule knows, or names their client types.
func (v *notClosed) dbFile() bool {
	if v.db == nil {
		found := strings.Contains(v.p.Tree.Src, "PoolClient") || strings.Contains(v.p.Tree.Src, "PoolConnection")
		for _, st := range v.p.Tree.Root().Children() {
			src := ""
			switch st.Kind() {
			case "import_statement":
				src, _ = astutil.StringValue(st.Get("source"))
			case "lexical_declaration", "variable_declaration":
				st.Walk(func(n syntax.Node) bool {
					if n.Kind() == "call_expression" && n.Get("function").Text() == "require" {
						src, _ = astutil.StringValue(astutil.Arg(n, 0))
					}
					return src == ""
				})
			}
			for _, m := range dbModules {
				if src == m || strings.HasPrefix(src, m+"/") {
					found = true
				}
			}
		}
		v.db = &found
	}
	return *v.db
}

func lastFunctionArg(call syntax.Node) syntax.Node {
	args := astutil.Args(call)
	if len(args) == 0 {
		return syntax.Node{}
	}
	if last := scope.Unwrap(args[len(args)-1]); scope.IsFunction(last) {
		return last
	}
	return syntax.Node{}
}

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
		case up.Kind() == "expression_statement" && !a.checkout:
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
		case handles[prop] && v.handleEscapes(up):
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

// classField returns the class field whose initializer n is (not inside a
// function), or the zero Node.
func classField(n syntax.Node) syntax.Node {
	for p := n.Parent(); p.Valid(); p = p.Parent() {
		if scope.IsFunction(p) {
			return syntax.Node{}
		}
		if p.Is("public_field_definition", "field_definition") {
			if p.HasToken("static") || p.Parent().Kind() != "class_body" {
				return syntax.Node{}
			}
			return p
		}
	}
	return syntax.Node{}
}

// checkField handles `ws = new WebSocket(url)` as a class field: the
// instance keeps it, and an owner must close it in its teardown.
func (v *notClosed) checkField(a acquisition, field syntax.Node) {
	p := v.p
	class := field.Parent().Parent()
	var o *lifecycle.Owner
	// The lifecycle model finds owners from functions; ask it about a
	// method that is not a teardown.
	for _, m := range class.Get("body").Children() {
		if m.Kind() == "method_definition" {
			if o = p.Life.OwnerOf(m.Get("body")); o != nil {
				break
			}
		}
	}
	if o == nil || scope.Unwrap(field.Get("value")).Index() != a.node.Index() {
		return
	}
	name := field.Get("name")
	if !name.Valid() {
		name = field.Get("property")
	}
	key := fmt.Sprintf("this@%d.%s", class.Index(), name.Text())
	if v.closedInTeardown(o, key) {
		return
	}
	target := "this." + name.Text()
	v.reportOwner(a, o, target, target, true, syntax.Node{})
}

// decideStored handles a resource kept in a member or an outer variable:
// inside an owner the teardown must close it; elsewhere it is kept for
// later and we cannot follow it.
func (v *notClosed) decideStored(a acquisition, o *lifecycle.Owner, holder syntax.Node) {
	if o == nil || a.checkout && !a.evidence {
		return
	}
	p := v.p
	key := p.Scope.Key(holder)
	if holder.Is("public_field_definition", "field_definition") {
		return // handled by checkField
	}
	if key == "" || v.closedInTeardown(o, key) {
		return
	}
	// Kept in a variable of the owner's own setup (let ws; ... ws = new
	// WebSocket()) and closed there: the close is found through the
	// variable's references.
	if id := scope.Unwrap(holder); id.Kind() == "identifier" {
		if b := p.Scope.Resolve(id); b != nil {
			for _, r := range p.Scope.References(b) {
				if m := parentSkipping(r, "parenthesized_expression", "non_null_expression"); m.Kind() == "member_expression" && closers[m.Get("property").Text()] {
					return
				}
			}
		}
	}
	target := holder.Text()
	plain := inSetupHook(a.node, o) && !optionalField(o, holder)
	v.reportOwner(a, o, target, target, plain, holder)
}

// inSetupHook reports creations that certainly run before the owner's
// teardown (in a constructor, componentDidMount, ngOnInit, mounted,
// connectedCallback, an effect), so the teardown needs no `?.`.
func inSetupHook(n syntax.Node, o *lifecycle.Owner) bool {
	if o.Setup.Valid() {
		fn := astutil.EnclosingFunction(n)
		return fn.Index() == o.Setup.Index() || !fn.Valid() && o.Setup.Kind() == "program"
	}
	fn := astutil.EnclosingFunction(n)
	if fn.Kind() != "method_definition" {
		return false
	}
	switch fn.Get("name").Text() {
	case "constructor", "componentDidMount", "ngOnInit", "ngAfterViewInit", "mounted", "created",
		"beforeMount", "connectedCallback", "firstUpdated", "setup":
		st := astutil.Statement(n)
		return st.Valid() && st.Parent().Index() == fn.Get("body").Index()
	}
	return false
}

// decide reports a resource held in a local variable (b, declared by
// statement decl when that is all the statement does), or held nowhere
// (b == nil: discarded or used once in a chain).
func (v *notClosed) decide(a acquisition, o *lifecycle.Owner, f fate, b *scope.Binding, decl syntax.Node) {
	if f.escaped || f.consumed {
		return
	}
	if a.checkout && !a.evidence && len(f.closes) == 0 {
		return
	}
	k := a.kind
	if o != nil && !k.scoped {
		if len(f.closes) > 0 || k.selfRunning {
			return // a worker_threads job kept nowhere ends with its script
		}
		if b == nil {
			v.reportOwner(a, o, "", "", true, syntax.Node{})
			return
		}
		v.reportOwner(a, o, b.Name, b.Name, inSetupHook(a.node, o), b.Decl)
		return
	}
	if !k.scoped || f.service || k.selfRunning {
		if len(f.closes) > 0 || f.captured || k.selfRunning {
			return
		}
		if why, ok := v.perCall(a.node); ok {
			v.reportPerCall(a, why)
		}
		return
	}
	if f.captured && len(f.closes) == 0 {
		return // a closure that outlives the function keeps using it
	}
	if len(f.closes) == 0 {
		v.reportNever(a, o, f, bindingDecl(b))
		return
	}
	if !k.paths || b == nil || !decl.Valid() {
		return
	}
	v.checkPaths(a, f, b, decl)
}

func bindingDecl(b *scope.Binding) syntax.Node {
	if b == nil {
		return syntax.Node{}
	}
	return b.Decl
}

// checkPaths looks for a way out of the function that skips every close:
// an early return or throw before the close, or an await that can reject
// before it. decl is the statement that declares the resource.
func (v *notClosed) checkPaths(a acquisition, f fate, b *scope.Binding, decl syntax.Node) {
	block := decl.Parent()
	home := astutil.EnclosingFunction(decl)
	if block.Kind() != "statement_block" || !home.Valid() {
		return
	}
	closeAt := make(map[int]bool)
	for _, c := range f.closes {
		if astutil.EnclosingFunction(c).Index() != home.Index() {
			return // closed from a callback: when it runs is beyond us
		}
		for q := c.Parent(); q.Valid() && q.Index() != home.Index(); q = q.Parent() {
			if q.Kind() == "finally_clause" {
				return
			}
		}
		closeAt[c.Index()] = true
	}
	// The first close that certainly runs: a statement of the block itself.
	var last syntax.Node
	for _, c := range f.closes {
		st := closeStatement(c, closeAt)
		if st.Valid() && st.Parent().Index() == block.Index() && st.Start() > decl.End() {
			if !last.Valid() || st.Start() < last.Start() {
				last = st
			}
		}
	}
	if !last.Valid() {
		return // closed only on some branches: too subtle to judge
	}
	refs := v.p.Scope.References(b)
	mentions := func(n syntax.Node) bool {
		for _, r := range refs {
			if n.Contains(r) {
				return true
			}
		}
		return false
	}
	var exit, await syntax.Node
	block.Walk(func(n syntax.Node) bool {
		if exit.Valid() {
			return false
		}
		if n.End() <= decl.End() || n.Start() >= last.Start() {
			return n.Start() < last.Start() && n.End() > decl.End()
		}
		if scope.IsFunction(n) {
			return false
		}
		switch n.Kind() {
		case "return_statement", "throw_statement":
			if !mentions(n) && !guarded(n, block, mentions) && !v.closedBefore(n, block, decl, closeAt) {
				exit = n
			}
			return false
		case "await_expression":
			if !await.Valid() && !guarded(n, block, nil) && !containsClose(n, closeAt) && !settled(n) {
				await = n
			}
		}
		return true
	})
	k := a.kind
	switch {
	case exit.Valid():
		how := "returns"
		if exit.Kind() == "throw_statement" {
			how = "throws"
		}
		msg := fmt.Sprintf("%s is not %s when the function %s at line %d; %s it in a finally block",
			v.subject(a, ""), k.verb, how, v.line(exit), imperative(k))
		v.reportPath(a, f, b, decl, last, msg)
	case await.Valid():
		if astutil.SetupName(astutil.FunctionName(astutil.EnclosingFunction(decl))) {
			// connect() or init() runs once; when it fails the program
			// usually stops, so the error path keeps nothing for long.
			return
		}
		what := "the await"
		if call := scope.Unwrap(await.Child(0)); call.Kind() == "call_expression" {
			what = describeCallee(call.Get("function"))
		} else if up := await.Parent(); up.Kind() == "call_expression" && await.Field() == "function" {
			// TypeScript parses `await f<T>()` as (await f)<T>().
			what = describeCallee(call)
		}
		msg := fmt.Sprintf("%s is never %s on the error path (if %s at line %d rejects); %s it in a finally block",
			v.subject(a, ""), k.verb, what, v.line(await), imperative(k))
		v.reportPath(a, f, b, decl, last, msg)
	}
}

// closeStatement returns the statement a close call makes up on its own
// (`fd.close();`, `await fh.close();`), or the zero Node.
func closeStatement(c syntax.Node, closeAt map[int]bool) syntax.Node {
	n := c
	for {
		up := n.Parent()
		switch up.Kind() {
		case "await_expression", "parenthesized_expression":
			n = up
			continue
		case "expression_statement":
			return up
		}
		return syntax.Node{}
	}
}

func containsClose(n syntax.Node, closeAt map[int]bool) bool {
	found := false
	n.Walk(func(c syntax.Node) bool {
		if closeAt[c.Index()] {
			found = true
		}
		return !found
	})
	return found
}

// guarded reports an exit or await inside a try block (its catch may
// close), or an exit under a condition on the resource itself
// (`if (!fd) return`), between n and block.
func guarded(n, block syntax.Node, mentions func(syntax.Node) bool) bool {
	child := n
	for q := n.Parent(); q.Valid() && q.Index() != block.Index(); child, q = q, q.Parent() {
		switch q.Kind() {
		case "try_statement":
			if child.Field() == "body" || child.Kind() == "catch_clause" && mentions == nil {
				return true
			}
		case "if_statement", "while_statement", "ternary_expression":
			if mentions != nil && mentions(q.Get("condition")) {
				return true
			}
		}
	}
	return false
}

// closedBefore reports whether a close statement certainly runs before
// exit: it precedes exit (or a block around it) in the same block, after
// the declaration.
func (v *notClosed) closedBefore(exit, block, decl syntax.Node, closeAt map[int]bool) bool {
	for cur := exit; cur.Valid() && cur.Index() != block.Index(); cur = cur.Parent() {
		if !cur.Parent().Is("statement_block", "switch_case", "switch_default") {
			continue
		}
		for sib := cur.PrevNamed(); sib.Valid() && sib.Start() > decl.End(); sib = sib.PrevNamed() {
			if sib.Kind() == "expression_statement" && containsClose(sib, closeAt) {
				if closeStatement(firstClose(sib, closeAt), closeAt).Index() == sib.Index() {
					return true
				}
			}
		}
	}
	return false
}

func firstClose(n syntax.Node, closeAt map[int]bool) syntax.Node {
	var found syntax.Node
	n.Walk(func(c syntax.Node) bool {
		if !found.Valid() && closeAt[c.Index()] {
			found = c
		}
		return !found.Valid()
	})
	return found
}

func (v *notClosed) line(n syntax.Node) int {
	if v.ix == nil {
		v.ix = textpos.New(v.p.Tree.Src)
	}
	l, _ := v.ix.Position(n.Start(), textpos.UTF16)
	return l + 1
}

// subject names the resource: "FileHandle from open()", "WebSocket",
// "WebSocket stored in this.ws".
func (v *notClosed) subject(a acquisition, stored string) string {
	s := a.kind.name
	if a.node.Kind() == "call_expression" {
		s += " from " + a.from
	}
	if stored != "" {
		s += " stored in " + stored
	}
	return s
}

// imperative is the verb a message asks for: "close it", "release it".
func imperative(k *kind) string {
	switch k.closer {
	case "release", "end", "terminate", "destroy":
		return k.closer
	}
	return "close"
}

// reportNever reports a scoped resource that is never closed.
func (v *notClosed) reportNever(a acquisition, o *lifecycle.Owner, f fate, holder syntax.Node) {
	k := a.kind
	name := holder.Text()
	if name == "" {
		name = defaultName(k)
	}
	var advice string
	switch {
	case k == fdKind && a.callback.Valid():
		advice = fmt.Sprintf("call %s when done with it", v.closeCall(a, name, false))
	case k == fdKind:
		if c := v.closeCall(a, name, false); c != "" {
			advice = "call " + c + " in a finally block"
		} else {
			advice = "close it with fs.closeSync in a finally block"
		}
	case k == readStreamKind:
		advice = "pipe it somewhere or call " + name + ".destroy() when done"
	case k == writeStreamKind:
		advice = "call " + name + ".end() when done"
	case k == fileHandleKind:
		advice = "await " + name + ".close() in a finally block"
	case k.db && !a.checkout:
		advice = fmt.Sprintf("create it once at module level and reuse it, or call %s.%s() in a finally block", name, k.closer)
	default:
		advice = fmt.Sprintf("call %s.%s() in a finally block", name, k.closer)
	}
	if a.callback.Valid() && k != fdKind {
		advice = fmt.Sprintf("call %s.%s() when done with it, on every path", name, k.closer)
	}
	if !holder.Valid() {
		// Kept nowhere: nothing can close it as written.
		switch k {
		case fdKind:
			advice = "keep the descriptor and call " + v.closeCall(a, "fd", false) + " when done"
			if v.closeCall(a, "fd", false) == "" {
				advice = "keep the descriptor and close it with fs.closeSync when done"
			}
		case writeStreamKind:
			advice = "keep the stream and call .end() on it after the last write"
		case readStreamKind:
			advice = "pipe it somewhere or destroy it"
		default:
			if !k.db || a.checkout {
				advice = fmt.Sprintf("keep it in a variable and call %s() on it when done", k.closer)
			}
		}
	}
	what := v.subject(a, "")
	if k.db && !a.checkout && a.node.Kind() == "new_expression" {
		what = k.name + " created on every call"
	}
	msg := fmt.Sprintf("%s is never %s; %s", what, k.verb, advice)
	d := v.diagnostic(a, msg)
	if holder.Valid() {
		if b := v.p.Scope.Resolve(holder); b != nil {
			if decl := holder.Parent(); decl.Kind() == "variable_declarator" && decl.Parent().ChildCount() == 1 {
				if k == writeStreamKind {
					d.Fixes = v.endFix(a, b, decl.Parent())
				} else {
					d.Fixes = v.finallyFix(a, f, b, decl.Parent(), syntax.Node{})
				}
			}
		}
	}
	if f.lastWrite.Valid() {
		// The only write can be the last one: end(chunk) writes it and ends.
		bld := fixgen.New(v.p)
		bld.Replace(f.lastWrite, "end")
		d.Fixes = []analyzer.Fix{bld.Fix("Write with end() so the stream is closed", true)}
	}
	v.p.Report(d)
}

func defaultName(k *kind) string {
	switch k {
	case fdKind:
		return "fd"
	case fileHandleKind:
		return "handle"
	case readStreamKind, writeStreamKind:
		return "stream"
	case checkoutKind, pgClientKind, mongoKind, redisKind:
		return "client"
	case pgPoolKind, mysqlPoolKind:
		return "pool"
	case mysqlConnKind, pooledConnKind:
		return "connection"
	case webSocketKind:
		return "socket"
	case eventSourceKind:
		return "source"
	case channelKind:
		return "channel"
	case workerKind, nodeWorkerKind:
		return "worker"
	}
	return "resource"
}

// reportPath reports a resource closed on the straight path but not on
// every path, offering to move the close into a finally block.
func (v *notClosed) reportPath(a acquisition, f fate, b *scope.Binding, decl, last syntax.Node, msg string) {
	d := v.diagnostic(a, msg)
	d.Fixes = v.finallyFix(a, f, b, decl, last)
	v.p.Report(d)
}

// reportOwner reports a resource an owner opens and its teardown never
// closes. target is the expression the cleanup names ("" when the
// resource is kept nowhere); plain says the teardown can call it without
// `?.`.
func (v *notClosed) reportOwner(a acquisition, o *lifecycle.Owner, target, stored string, plain bool, holder syntax.Node) {
	k := a.kind
	subj := v.subject(a, "")
	if strings.Contains(stored, ".") {
		subj = v.subject(a, stored)
	}
	var msg string
	switch {
	case target == "":
		msg = fmt.Sprintf("%s is never %s; keep it in a variable and call %s() on it %s",
			subj, k.verb, k.closer, cleanup.WhereClause(o))
	case holder.Kind() == "identifier" && v.p.Scope.DeclaredAt(holder) != nil && !o.Setup.Valid():
		msg = fmt.Sprintf("%s is never %s; keep it in a field and call %s %s",
			subj, k.verb, v.ownerClose(a, "this."+target, plain), cleanup.WhereClause(o))
	default:
		msg = fmt.Sprintf("%s is never %s; call %s %s", subj, k.verb, v.ownerClose(a, target, plain), cleanup.WhereClause(o))
	}
	d := v.diagnostic(a, msg)
	d.Related = []analyzer.Related{cleanup.Where(o)}
	if target != "" {
		d.Fixes = v.ownerFix(a, o, target, plain, holder)
	}
	v.p.Report(d)
}

// reportPerCall reports a connection opened each time a handler, loop or
// render runs and never closed.
func (v *notClosed) reportPerCall(a acquisition, why string) {
	k := a.kind
	var msg string
	if strings.HasPrefix(why, "render of ") {
		msg = fmt.Sprintf("%s is opened on every %s and never %s; open it in a useEffect and %s it in the cleanup",
			v.subject(a, ""), why, k.verb, imperative(k))
	} else if why == "request" {
		msg = fmt.Sprintf("%s is opened on every request and never %s; %s it when the request ends",
			v.subject(a, ""), k.verb, imperative(k))
	} else {
		msg = fmt.Sprintf("%s is opened on every %s and never %s; %s it when the work is done",
			v.subject(a, ""), why, k.verb, imperative(k))
	}
	v.p.Report(v.diagnostic(a, msg))
}

func (v *notClosed) diagnostic(a acquisition, msg string) analyzer.Diagnostic {
	start := a.node.Start()
	if a.node.Kind() == "call_expression" {
		start = astutil.Callee(a.node).Start()
	}
	return analyzer.Diagnostic{Start: start, End: a.node.End(), Message: msg}
}

var routeMethods = set("get", "post", "put", "patch", "delete", "del", "all", "options", "head", "use", "route", "handle")

var httpDecorators = set("Get", "Post", "Put", "Patch", "Delete", "All", "Options", "Head", "MessagePattern", "EventPattern", "SubscribeMessage", "Sse")

// perCall says whether the code at n runs again and again: in a loop, in
// an HTTP handler or middleware, an event handler, a timer callback, or
// the body of a React component or hook (every render).
func (v *notClosed) perCall(n syntax.Node) (string, bool) {
	fn := astutil.EnclosingFunction(n)
	for q := n.Parent(); q.Valid() && q.Index() != fn.Index(); q = q.Parent() {
		switch q.Kind() {
		case "for_statement", "for_in_statement", "while_statement", "do_statement":
			return "loop iteration", true
		}
	}
	if !fn.Valid() {
		return "", false
	}
	if args := fn.Parent(); args.Kind() == "arguments" {
		call := args.Parent()
		recv, name := astutil.Method(call)
		first := scope.Unwrap(astutil.Arg(call, 0))
		switch {
		case name == "createServer":
			return "request", true
		case routeMethods[name] && recv.Valid() && routePath(first):
			return "request", true
		case listenerMethods[name] && recv.Valid() && !strings.Contains(name, "nce"):
			ev, ok := astutil.StringValue(first)
			switch {
			case ev == "request":
				return "request", true
			case ok:
				return fmt.Sprintf("%q event", ev), true
			}
			return "event", true
		case name == "setInterval":
			return "timer tick", true
		}
	}
	params := parameters(fn)
	if len(params) >= 2 {
		a, b := params[0].Text(), params[1].Text()
		if (a == "req" || a == "request") && (b == "res" || b == "response" || b == "reply") || a == "ctx" && b == "next" {
			return "request", true
		}
	}
	if fn.Kind() == "method_definition" {
		for c := fn.PrevNamed(); c.Valid() && c.Kind() == "decorator"; c = c.PrevNamed() {
			d := c.Child(0)
			if d.Kind() == "call_expression" {
				d = d.Get("function")
			}
			if httpDecorators[d.Text()] {
				return "request", true
			}
		}
	}
	if name := functionName(fn); name != "" && v.reactFile() {
		if isHook(name) {
			return "render of " + name, true
		}
		if len(name) > 0 && name[0] >= 'A' && name[0] <= 'Z' && hasJSX(fn) {
			return "render of " + name, true
		}
	}
	return "", false
}

func isHook(name string) bool {
	return len(name) > 3 && strings.HasPrefix(name, "use") && name[3] >= 'A' && name[3] <= 'Z'
}

func hasJSX(fn syntax.Node) bool {
	found := false
	fn.Walk(func(n syntax.Node) bool {
		if n.Is("jsx_element", "jsx_self_closing_element") {
			found = true
		}
		return !found
	})
	return found
}

// functionName is the name a function is declared or assigned under.
func functionName(fn syntax.Node) string {
	if name := fn.Get("name"); name.Valid() && fn.Kind() != "method_definition" {
		return name.Text()
	}
	switch p := fn.Parent(); p.Kind() {
	case "variable_declarator":
		return p.Get("name").Text()
	case "arguments":
		// const Chat = memo(function Chat() {...}) or forwardRef((props, ref) => ...)
		if d := p.Parent().Parent(); d.Kind() == "variable_declarator" {
			return d.Get("name").Text()
		}
	}
	return ""
}

// reactFile reports a file that imports React (or Preact) or is JSX.
func (v *notClosed) reactFile() bool {
	if strings.HasSuffix(v.p.Path, ".jsx") || strings.HasSuffix(v.p.Path, ".tsx") {
		return true
	}
	for _, st := range v.p.Tree.Root().Children() {
		if st.Kind() == "import_statement" {
			src, _ := astutil.StringValue(st.Get("source"))
			if src == "react" || src == "preact" || strings.HasPrefix(src, "preact/") {
				return true
			}
		}
	}
	return false
}

// optionalField reports `this.x` where the class declares x optional or
// possibly null (`private socket?: WebSocket`): TypeScript wants `?.` then.
func optionalField(o *lifecycle.Owner, holder syntax.Node) bool {
	h := scope.Unwrap(holder)
	if h.Kind() != "member_expression" || scope.Unwrap(h.Get("object")).Kind() != "this" || !o.Class.Valid() || o.Class.Kind() == "object" {
		return false
	}
	name := h.Get("property").Text()
	for _, m := range o.Class.Get("body").Children() {
		if !m.Is("public_field_definition", "field_definition") || m.Get("name").Text() != name {
			continue
		}
		if m.HasToken("?") {
			return true
		}
		t := m.Get("type").Text()
		return strings.Contains(t, "undefined") || strings.Contains(t, "null")
	}
	return false
}

// closedInTeardown reports whether what runs when the owner ends closes
// the resource kept under key: calls a closing method on it, or hands it
// to a function (a helper that closes it) or a loop. Other uses (send,
// removeAllListeners) leave it open.
func (v *notClosed) closedInTeardown(o *lifecycle.Owner, key string) bool {
	p := v.p
	return p.Life.FindInTeardown(o, func(n syntax.Node) bool {
		if !n.Is("identifier", "member_expression", "subscript_expression", "shorthand_property_identifier") || p.Scope.Key(n) != key {
			return false
		}
		up := parentSkipping(n, "parenthesized_expression", "non_null_expression", "as_expression")
		switch up.Kind() {
		case "member_expression":
			if scope.Unwrap(up.Get("object")).Index() != scope.Unwrap(n).Index() && up.Get("object").Index() != n.Index() {
				return false
			}
			return closers[up.Get("property").Text()]
		case "arguments", "for_in_statement", "array", "return_statement":
			return true
		}
		return false
	}).Valid()
}

// settled reports awaits that cannot reject: `await p.catch(...)` and
// `await Promise.allSettled(...)`.
func settled(await syntax.Node) bool {
	call := scope.Unwrap(await.Child(0))
	if call.Kind() != "call_expression" {
		return false
	}
	switch astutil.MethodName(call) {
	case "catch", "allSettled":
		return true
	}
	return false
}

// routePath accepts what routers take as a path: "/users/:id", "*", a
// regular expression, or a list of them.
func routePath(n syntax.Node) bool {
	switch n.Kind() {
	case "regex", "array":
		return true
	case "string", "template_string":
		t := strings.Trim(n.Text(), "'\"`")
		return strings.HasPrefix(t, "/") || t == "*"
	}
	return false
}

// handles are methods whose result is a handle that keeps using the
// resource (a MongoClient's Db and Collection objects).
var handles = set("db", "collection", "startSession", "watch")

// handleEscapes follows client.db(...).collection(...) to where the handle
// goes: returned, stored outside the function, or kept in a local that is.
func (v *notClosed) handleEscapes(call syntax.Node) bool {
	for {
		up := parentSkipping(call, "parenthesized_expression")
		next := up.Parent()
		if up.Kind() != "member_expression" || !handles[up.Get("property").Text()] || next.Kind() != "call_expression" {
			break
		}
		call = next
	}
	use := astutil.UseOf(call)
	switch use.Kind {
	case "returned", "member":
		return true
	case "variable":
		hb := v.p.Scope.Resolve(use.Holder)
		home := astutil.EnclosingFunction(call)
		if hb == nil || hb.Scope.Function() == nil || hb.Scope.Function().Node.Index() != home.Index() || v.p.Scope.Escapes(hb) {
			return true
		}
		for _, r := range v.p.Scope.References(hb) {
			if fn := astutil.EnclosingFunction(r); fn.Valid() && fn.Index() != home.Index() && v.closureEscapes(home, fn, hb) {
				return true
			}
		}
	}
	return false
}
