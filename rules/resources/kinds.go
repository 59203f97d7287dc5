package resources

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// kind is a sort of resource: what it is called in messages, how it is
// closed, and whether its purpose ends with the function that opened it.
type kind struct {
	name   string // "FileHandle", "WebSocket", "client"
	closer string // the method a fix or message suggests ("close", "release")
	verb   string // "closed", "released", "ended", ...
	// scoped resources (descriptors, file handles, streams, database
	// clients and checkouts) serve the code that opened them; opened in a
	// function and kept nowhere, nothing can close them later. The others
	// (WebSocket, EventSource, BroadcastChannel, Worker, sockets) may
	// rightly live on through their handlers, so outside an owner they are
	// reported only where they are opened again and again.
	scoped bool
	// paths: every exit of the opening function must close it (early
	// returns and rejected awaits included).
	paths bool
	// consumers are events whose listener means the resource is driven
	// to its end by its own events (a read stream read to its end).
	consumers map[string]bool
	// services are events, handler properties or methods that make it a
	// long-lived service (a Redis subscriber, a pg LISTEN client).
	services map[string]bool
	// db resources are better created once per process than closed per
	// call; the message says so.
	db bool
	// selfRunning resources may finish on their own (worker_threads): only
	// owners must stop them.
	selfRunning bool
	// tsType declares a field that holds it in TypeScript, when the type
	// is a global one.
	tsType string
}

var (
	fdKind = &kind{name: "file descriptor", closer: "closeSync", verb: "closed", scoped: true, paths: true}
	// A FileHandle's createReadStream and readLines close it when read to
	// the end (autoClose).
	fileHandleKind  = &kind{name: "FileHandle", closer: "close", verb: "closed", scoped: true, paths: true}
	readStreamKind  = &kind{name: "read stream", closer: "destroy", verb: "read, piped or destroyed", scoped: true, consumers: set("data", "readable", "end", "close")}
	writeStreamKind = &kind{name: "write stream", closer: "end", verb: "ended, piped to or destroyed", scoped: true, consumers: set("finish", "close")}
	socketKind      = &kind{name: "socket", closer: "destroy", verb: "ended or destroyed", consumers: set("end", "close", "timeout")}
	webSocketKind   = &kind{name: "WebSocket", closer: "close", verb: "closed", tsType: "WebSocket"}
	eventSourceKind = &kind{name: "EventSource", closer: "close", verb: "closed", tsType: "EventSource"}
	channelKind     = &kind{name: "BroadcastChannel", closer: "close", verb: "closed", tsType: "BroadcastChannel"}
	// A listening server accepts connections until close(); its
	// connection handler keeps whatever it captures alive.
	serverKind     = &kind{name: "server", closer: "close", verb: "closed"}
	workerKind     = &kind{name: "Worker", closer: "terminate", verb: "terminated", tsType: "Worker"}
	nodeWorkerKind = &kind{name: "Worker", closer: "terminate", verb: "terminated", selfRunning: true}
	pgPoolKind     = &kind{name: "pg Pool", closer: "end", verb: "ended", scoped: true, paths: true, db: true}
	pgClientKind   = &kind{name: "pg Client", closer: "end", verb: "ended", scoped: true, paths: true, db: true, services: set("notification")}
	checkoutKind   = &kind{name: "client", closer: "release", verb: "released", scoped: true, paths: true, services: set("notification")}
	mysqlConnKind  = &kind{name: "MySQL connection", closer: "end", verb: "ended", scoped: true, paths: true, db: true}
	mysqlPoolKind  = &kind{name: "MySQL pool", closer: "end", verb: "ended", scoped: true, paths: true, db: true}
	pooledConnKind = &kind{name: "connection", closer: "release", verb: "released", scoped: true, paths: true}
	mongoKind      = &kind{name: "MongoClient", closer: "close", verb: "closed", scoped: true, paths: true, db: true}
	redisKind      = &kind{name: "Redis client", closer: "quit", verb: "closed", scoped: true, paths: true, db: true,
		services: set("message", "pmessage", "messageBuffer", "pmessageBuffer", "subscribe", "psubscribe", "pSubscribe", "sSubscribe", "ssubscribe", "monitor")}

	// kafkajs clients made by a Kafka instance: each connected one holds
	// broker connections until disconnect(). A consumer that runs or
	// subscribes serves messages after the function returns.
	kafkaProducerKind = &kind{name: "Kafka producer", closer: "disconnect", verb: "disconnected", scoped: true, paths: true}
	kafkaConsumerKind = &kind{name: "Kafka consumer", closer: "disconnect", verb: "disconnected", scoped: true, paths: true,
		services: set("run", "subscribe")}
	kafkaAdminKind = &kind{name: "Kafka admin client", closer: "disconnect", verb: "disconnected", scoped: true, paths: true}
	// A browser (Playwright, Puppeteer) is a process; a browser context
	// holds its pages and their renderer memory until close().
	browserKind        = &kind{name: "browser", closer: "close", verb: "closed", scoped: true, paths: true, services: set("disconnected")}
	browserContextKind = &kind{name: "browser context", closer: "close", verb: "closed", scoped: true, paths: true}
	// A Monaco text model is filed in Monaco's global model registry until
	// dispose(): an editor showing it does not dispose it, so a component
	// that creates one must.
	monacoModelKind = &kind{name: "Monaco text model", closer: "dispose", verb: "disposed", tsType: "monaco.editor.ITextModel"}
)

// closers end a resource of any kind. Precision first: any of them on the
// resource counts, whatever the kind.
var closers = set(apis.Builtin().Names(apis.Use{Family: apis.Resource, Undos: true})...)

// handoffs hand the resource to something that ends it: a readable piped
// to a destination ends with it, a FileHandle's own stream closes it.
var handoffs = set("pipe", "pipeTo", "pipeThrough", "createReadStream", "createWriteStream",
	"readLines", "resume", "toArray", "forEach", "readableWebStream")

// fluent methods of streams, sockets and emitters return the object itself.
// Emitter-style listener adders that return their receiver are fluent too.
var fluent = set(append(chainingListenerAdders(), "setEncoding",
	"setMaxListeners", "listen", "setTimeout", "setNoDelay", "setKeepAlive", "ref", "unref", "setDefaultEncoding", "cork")...)

var listenerMethods = set(apis.Builtin().Names(streamListenerAPIs)...)

// calls maps what a call's function denotes to the resource it opens.
var calls = map[string]*kind{
	"fs:openSync":                     fdKind,
	"fs:open":                         fdKind, // callback style
	"fs:promises.open":                fileHandleKind,
	"fs:createReadStream":             readStreamKind,
	"fs:createWriteStream":            writeStreamKind,
	"net:connect":                     socketKind,
	"net:createConnection":            socketKind,
	"tls:connect":                     socketKind,
	"net:createServer":                serverKind,
	"tls:createServer":                serverKind,
	"mysql:createConnection":          mysqlConnKind,
	"mysql2:createConnection":         mysqlConnKind,
	"mysql2/promise:createConnection": mysqlConnKind,
	"mysql:createPool":                mysqlPoolKind,
	"mysql2:createPool":               mysqlPoolKind,
	"mysql2/promise:createPool":       mysqlPoolKind,
	"mongodb:MongoClient.connect":     mongoKind,
	"redis:createClient":              redisKind,
	"redis:createCluster":             redisKind,

	"kafkajs:Kafka().producer": kafkaProducerKind,
	"kafkajs:Kafka().consumer": kafkaConsumerKind,
	"kafkajs:Kafka().admin":    kafkaAdminKind,

	"playwright:chromium.launch":          browserKind,
	"playwright:firefox.launch":           browserKind,
	"playwright:webkit.launch":            browserKind,
	"playwright-core:chromium.launch":     browserKind,
	"playwright-core:firefox.launch":      browserKind,
	"playwright-core:webkit.launch":       browserKind,
	"playwright-chromium:chromium.launch": browserKind,
	"puppeteer:launch":                    browserKind,
	"puppeteer-core:launch":               browserKind,
	"playwright:chromium.connect":         browserKind,
	"playwright-core:chromium.connect":    browserKind,
	"puppeteer:connect":                   browserKind,
	"puppeteer-core:connect":              browserKind,

	"monaco-editor:editor.createModel": monacoModelKind,
}

// constructors maps what a `new` expression's class denotes to its
// resource.
var constructors = map[string]*kind{
	"global:WebSocket":                webSocketKind,
	"ws:":                             webSocketKind,
	"ws:default":                      webSocketKind,
	"ws:WebSocket":                    webSocketKind,
	"isomorphic-ws:":                  webSocketKind,
	"isomorphic-ws:default":           webSocketKind,
	"global:EventSource":              eventSourceKind,
	"eventsource:":                    eventSourceKind,
	"eventsource:default":             eventSourceKind,
	"eventsource:EventSource":         eventSourceKind,
	"global:BroadcastChannel":         channelKind,
	"worker_threads:BroadcastChannel": channelKind,
	"global:Worker":                   workerKind,
	"worker_threads:Worker":           nodeWorkerKind,
	"pg:Pool":                         pgPoolKind,
	"pg-pool:":                        pgPoolKind,
	"pg-pool:default":                 pgPoolKind,
	"pg:Client":                       pgClientKind,
	"mongodb:MongoClient":             mongoKind,
	"ioredis:":                        redisKind,
	"ioredis:default":                 redisKind,
	"ioredis:Redis":                   redisKind,
	"ioredis:Cluster":                 redisKind,
	"ioredis:default.Cluster":         redisKind,
}

// callNames are the method names of every call in calls and of the pool
// checkouts.
var callNames = set(openerNames(apis.Call)...)

// promised lists the acquisitions that resolve to the resource through a
// promise rather than returning it.
var promised = set("fs:promises.open", "mysql2/promise:createConnection", "mongodb:MongoClient.connect",
	"playwright:chromium.launch", "playwright:firefox.launch", "playwright:webkit.launch",
	"playwright-core:chromium.launch", "playwright-core:firefox.launch", "playwright-core:webkit.launch",
	"playwright-chromium:chromium.launch", "puppeteer:launch", "puppeteer-core:launch",
	"playwright:chromium.connect", "playwright-core:chromium.connect", "puppeteer:connect", "puppeteer-core:connect")

// namespaceDefaults are modules whose default import is the module object
// (CommonJS modules imported from ESM), so `import fs from "fs"` is fs.
var namespaceDefaults = set("fs", "net", "tls", "pg", "mysql", "mysql2", "mysql2/promise", "mongodb", "redis", "worker_threads", "stream", "kafkajs",
	"playwright", "playwright-core", "playwright-chromium", "puppeteer", "puppeteer-core")

// browserModules are the browser automation libraries whose
// browser.newContext() opens a context; the browser it is called on may
// come from anywhere (a shared launcher), so the file's import is the
// evidence.
var browserModules = []string{"playwright", "playwright-core", "playwright-chromium", "@playwright/test", "puppeteer", "puppeteer-core"}

// dbModules are the database drivers whose pool checkouts the rule knows,
// and pg's companions that only run on a checked-out client (pg-cursor,
// pg-query-stream).
var dbModules = []string{"pg", "pg-pool", "mysql", "mysql2", "@neondatabase/serverless", "@vercel/postgres",
	"pg-cursor", "pg-query-stream"}

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// origin names what an expression denotes as "module:path": fs.promises.open
// with fs imported from "node:fs" is "fs:promises.open", an undeclared
// WebSocket is "global:WebSocket". It returns "" when the expression comes
// from nothing it can follow.
func origin(p *analyzer.Pass, n syntax.Node) string {
	return originAt(p, n, 0)
}

func originAt(p *analyzer.Pass, n syntax.Node, depth int) string {
	if depth > 6 {
		return ""
	}
	n = scope.Unwrap(n)
	switch n.Kind() {
	case "identifier":
		b := p.Scope.Resolve(n)
		if b == nil {
			return "global:" + n.Text()
		}
		return bindingOrigin(p, b, depth)
	case "member_expression":
		obj := originAt(p, n.Get("object"), depth+1)
		if obj == "" {
			return ""
		}
		prop := n.Get("property").Text()
		if strings.HasPrefix(obj, "global:") {
			switch obj {
			case "global:window", "global:globalThis", "global:self", "global:global":
				return "global:" + prop
			}
			return obj + "." + prop
		}
		return join(obj, prop)
	case "call_expression":
		return requireOrigin(n)
	case "await_expression":
		// await import("fs")
		return requireOrigin(scope.Unwrap(n.Child(0)))
	case "new_expression":
		// An instance: kafka.producer() on new Kafka(...) from "kafkajs"
		// is "kafkajs:Kafka().producer".
		if c := originAt(p, n.Get("constructor"), depth+1); c != "" {
			return c + "()"
		}
	}
	return ""
}

// requireOrigin reads require("x") and import("x").
func requireOrigin(call syntax.Node) string {
	if call.Kind() != "call_expression" {
		return ""
	}
	fn := call.Get("function")
	if fn.Text() != "require" && fn.Kind() != "import" {
		return ""
	}
	src, ok := astutil.StringValue(astutil.Arg(call, 0))
	if !ok {
		return ""
	}
	return normalize(src, "")
}

// join appends a property to an origin, treating a CommonJS module's
// default export as the module itself.
func join(o, prop string) string {
	if strings.HasSuffix(o, ":") {
		return o + prop
	}
	return o + "." + prop
}

// normalize strips "node:", folds fs/promises into fs, and drops the
// default export of modules whose default is the module object.
func normalize(mod, path string) string {
	mod = strings.TrimPrefix(mod, "node:")
	if mod == "fs/promises" {
		mod = "fs"
		if path == "" || path == "default" {
			path = "promises"
		} else {
			path = "promises." + path
		}
	}
	if namespaceDefaults[mod] {
		if path == "default" {
			path = ""
		} else {
			path = strings.TrimPrefix(path, "default.")
		}
	}
	return mod + ":" + path
}

// bindingOrigin follows a declared name to an import, a require, or an
// alias of something with an origin.
func bindingOrigin(p *analyzer.Pass, b *scope.Binding, depth int) string {
	if b.Reassigned {
		return ""
	}
	decl := b.Decl
	if b.Kind == scope.Import {
		src, _ := astutil.StringValue(b.Init)
		switch parent := decl.Parent(); parent.Kind() {
		case "import_specifier":
			return normalize(src, parent.Get("name").Text())
		case "namespace_import", "import_require_clause":
			return normalize(src, "")
		case "import_clause":
			return normalize(src, "default")
		}
		return ""
	}
	// Walk out of a destructuring pattern, collecting the property path:
	// const { promises: { open } } = require("fs").
	var path []string
	n := decl
	for {
		parent := n.Parent()
		switch parent.Kind() {
		case "object_pattern":
			if n.Kind() == "shorthand_property_identifier_pattern" {
				path = append(path, n.Text())
			}
			n = parent
			continue
		case "pair_pattern":
			if n.Field() == "value" {
				path = append(path, strings.Trim(parent.Get("key").Text(), "'\""))
			}
			n = parent
			continue
		case "object_assignment_pattern", "assignment_pattern":
			n = parent
			continue
		case "variable_declarator":
			if n.Field() != "name" {
				return ""
			}
			o := originAt(p, parent.Get("value"), depth+1)
			if o == "" {
				return ""
			}
			for i := len(path) - 1; i >= 0; i-- {
				o = join(o, path[i])
			}
			return o
		}
		return ""
	}
}

// describeCall renders an acquisition's function for messages:
// "fs.openSync()", "new WebSocket()", "pool.connect()".
func describeCall(n syntax.Node) string {
	if n.Kind() == "new_expression" {
		return "new " + short(n.Get("constructor").Text()) + "()"
	}
	return short(scope.Unwrap(n.Get("function")).Text()) + "()"
}

func short(s string) string {
	s = squash(s)
	if len(s) > 40 {
		s = "…" + s[len(s)-37:]
	}
	return s
}

func squash(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r':
			return -1
		}
		return r
	}, s)
}

// describeCallee renders a called function for messages: "client.query()",
// or "client….countDocuments()" for a long chain.
func describeCallee(fn syntax.Node) string {
	fn = scope.Unwrap(fn)
	t := squash(fn.Text())
	if len(t) <= 30 || fn.Kind() != "member_expression" {
		return short(t) + "()"
	}
	root := fn
	for root.Kind() == "member_expression" || root.Kind() == "call_expression" {
		if root.Kind() == "member_expression" {
			root = scope.Unwrap(root.Get("object"))
		} else {
			root = scope.Unwrap(root.Get("function"))
		}
	}
	return short(root.Text()) + "…" + fn.Get("property").Text() + "()"
}
