package resources

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/analyzer/textpos"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/repeats"
)

// NotClosed is resource-not-closed.
var NotClosed = &analyzer.Rule{
	ID:       "resource-not-closed",
	Severity: analyzer.SeverityWarning,
	Kinds:    []string{"call_expression", "new_expression"},
	APIs:     resourceAPIs,
	Needles:  append(append(resourceNeedles(), clientModuleNeedles...), grpcNeedles...),
	// mssql anywhere in a file makes pool.connect() return the pool
	// (checkout); the other driver signs are needles or imports.
	FileWords: []string{"mssql"},
	New:       func(p *analyzer.Pass) analyzer.Visitor { return &notClosed{p: p} },
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
sockets and servers (net.createServer, tls.createServer), WebSocket, EventSource, BroadcastChannel, Worker, and database pools and
clients (pg Pool, Client and pool.connect(), mysql/mysql2 connections, pools and
pool.getConnection(), mongodb MongoClient, redis and ioredis clients, @grpc/grpc-js
clients (new C(address, credentials) with C from makeGenericClientConstructor or
loadPackageDefinition), kafkajs
producers, consumers and admin clients, Playwright and Puppeteer browsers and browser
contexts), Monaco text models (monaco.editor.createModel: Monaco's model registry keeps
each one until dispose(), whatever happens to the editor showing it), and clients the project's own module for a driver opens (connect(),
createClient() or createConnection() of a file named redis, mongo, postgres, pg or
mysql: src/database/redis.js); the other functions of that module only borrow the
client they are given. Descriptors, file handles and database
clients opened inside a function must be closed on every path out of it, including
early returns and awaits that reject; the reliable shape is try/finally or a using
declaration. A close that only a catch clause, a .catch() or rejection handler, or an
"error" listener runs leaves the resource open whenever the work succeeds; and a
close in the .then() handler of an operation on the resource whose chain handles the
rejection (.catch(reject)) without closing it leaves it open whenever the operation
fails.

Inside an owner (a React effect, a class or Vue/Angular/Svelte/Lit component with a
teardown) the close belongs in the teardown. Connections that live on through their
handlers (WebSocket, EventSource, sockets, listening servers, subscribers) are reported outside owners
only where they are opened again and again: per request, per event, per loop
iteration or per render. Resources created at module top level are singletons and
never reported.`,
		Accepts: []string{
			"for a read stream read with for await later in the function: nothing between its opening and the loop that can leave the function (an await that may reject, a return, a throw), or the stream destroyed in finally; the loop itself destroys the stream when it ends early",
			"for a read stream given to readline.createInterface({ input }) and read with for await: a loop with no way out before the end of the file (no return, break, throw or await in it), or the stream destroyed in finally (closing readline does not close its input)",
			"for an outgoing http/https request a request handler makes: its destroy() or abort() anywhere in the handler (in req.on(\"close\")), a { signal } option, or the request handed to pipeline()",
			"a close on every path: close / closeSync / end / destroy / release / quit / disconnect / terminate, fs.close(fd) and fs.closeSync(fd), a pg connect() callback's done()",
			"try { ... } finally { x.close() } (also a close inside .finally(...))",
			"a close in the .then() handler of an operation on the resource when the chain has no rejection handler of its own, or one that closes the resource or is given it",
			"a server (net/tls createServer) returned, resolved to the caller, closed by its own handler, or, outside an owner, opened where nothing runs it again and again",
			"using and await using declarations",
			"returning the resource, or passing it to a function (pipeline(...), stream.finished(...), Readable.toWeb(...), a helper that takes ownership)",
			"storing it in a member, a module or outer variable, or an object outside an owner; inside an owner, storing it and closing it in the teardown, through the member or through the local it was created in (ref.current = ws; return () => ws.close())",
			"consuming a stream: .pipe(...), for await ... of, .on(\"data\" | \"end\" | \"close\" | \"finish\", ...), a FileHandle's createReadStream() or readLines()",
			"a close in a callback (stream.on(\"finish\", () => fs.closeSync(fd)), ws.onerror = () => ws.close(), req.on(\"close\", () => client.release()))",
			"in a method that opens again while a connection may exist (reconnect, reopen, restart, on/handle Close or Error): closing the member first (this.socket?.destroy(), or calling a method that closes it), or opening only when there is none (if (this.socket) return); closing in the teardown alone ends only the last one",
			"in a getter (get*, ensure*) that keeps its connection in a module variable and returns it: reusing it when it is set (if (browser) return browser, client ??= ...), or closing the old one before opening a new one",
			"closing in the owner's teardown: the effect's returned cleanup, componentWillUnmount, ngOnDestroy, beforeUnmount/onBeforeUnmount, onDestroy, disconnectedCallback, dispose/destroy/close/...",
			"resources created at module top level (singletons), and long-lived connections (handlers attached, a Redis subscriber, a pg LISTEN client) opened by a function that runs once",
			"a resource a longer-lived closure or handle keeps using: captured by a returned function or object, a route handler or listener registered elsewhere, or a MongoClient whose db()/collection() handle is returned or stored",
			"for the project's own driver module: a getter or property that hands out its shared client (getClient(), rdb.client), a connect() whose result is not kept (the module may keep it), and the clients its init/connect/setup functions open",
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
	// db caches whether the file imports a database driver, browser
	// whether it imports a browser automation library.
	db, browser *bool
	// repeats says what runs again and again (made on first use).
	repeats *repeats.Finder
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
	// wrapper is the specifier of the project's driver module whose
	// opener made the client (wrapper.go); "" for the drivers' own.
	wrapper string
}

func (v *notClosed) Visit(n syntax.Node) {
	if v.upstreamRequest(n) {
		return
	}
	a, ok := v.acquire(n)
	if !ok {
		return
	}
	a.from = describeCall(n)
	if v.readlineInput(a) || v.streamReadLater(a) {
		return
	}
	v.check(a)
}

// acquire recognises the calls that open a resource.
func (v *notClosed) acquire(n syntax.Node) (acquisition, bool) {
	p := v.p
	a := acquisition{node: n, param: -1, done: -1}
	if n.Kind() == "new_expression" {
		o := origin(p, n.Get("constructor"))
		k := constructors[o]
		if k == nil && v.grpcClient(n) {
			k = grpcClientKind
		}
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
	if k, mod := wrapperOpen(o); k != nil {
		a.kind, a.wrapper = k, mod
		a.async = parentSkipping(n, "parenthesized_expression").Kind() == "await_expression"
		return a, true
	}
	recv, name := astutil.Method(n)
	if name == "newContext" && recv.Valid() && v.browserFile() {
		a.kind, a.async = browserContextKind, true
		return a, true
	}
	// Pool checkouts: pool.connect() (pg) and pool.getConnection() (mysql).
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
		found := strings.Contains(v.p.Tree.Src, "PoolClient") || strings.Contains(v.p.Tree.Src, "PoolConnection") ||
			v.importsAny(dbModules)
		v.db = &found
	}
	return *v.db
}

// browserFile reports whether the file imports Playwright or Puppeteer.
func (v *notClosed) browserFile() bool {
	if v.browser == nil {
		found := v.importsAny(browserModules)
		v.browser = &found
	}
	return *v.browser
}

// importsAny reports an import of one of mods (or of a path inside one):
// a top-level import, or a require anywhere in a top-level statement —
// CommonJS modules often require their driver inside the function they
// export (module.exports = function (db) { const Cursor =
// require("pg-cursor"); ... }).
func (v *notClosed) importsAny(mods []string) bool {
	matches := func(src string) bool {
		for _, m := range mods {
			if src == m || strings.HasPrefix(src, m+"/") {
				return true
			}
		}
		return false
	}
	found := false
	for _, st := range v.p.Tree.Root().Children() {
		switch st.Kind() {
		case "import_statement":
			src, _ := astutil.StringValue(st.Get("source"))
			found = matches(src)
		case "lexical_declaration", "variable_declaration", "expression_statement":
			st.Walk(func(n syntax.Node) bool {
				if n.Kind() == "call_expression" && n.Get("function").Text() == "require" {
					src, _ := astutil.StringValue(astutil.Arg(n, 0))
					found = matches(src)
				}
				return !found
			})
		}
		if found {
			return true
		}
	}
	return false
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
