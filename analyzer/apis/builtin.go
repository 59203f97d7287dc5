package apis

// builtin is the table leakwatch ships. To teach the rules an API, add one
// value here (or extend an existing one's names) and a fixture under
// testdata/rules/<rule-id>/; see CONTRIBUTING.md. Services whose subscribe
// returns a promise of its disposer, not the disposer, are in promised.go.
var builtin = []API{
	// Listeners.
	{Family: Listener, Style: DOM, Form: Method,
		Adders: []string{"addEventListener"}, Undos: []string{"removeEventListener"},
		Args: Args{Target: None, Event: 0, Handler: 1, Options: 2}, IDArg: None, Returns: Nothing,
		Note: "EventTarget: window, document, elements, MediaQueryList, WebSocket, workers"},
	{Family: Listener, Style: Emitter, Form: Method,
		Adders: []string{"on"}, Undos: []string{"off", "removeListener"},
		Args: Args{Target: None, Event: 0, Handler: 1, Options: None}, IDArg: None, Returns: ReceiverOrDisposer, EventMap: true,
		Note: "Node EventEmitter, jQuery, Leaflet, socket.io; nanoevents-style buses return an unbind function"},
	{Family: Listener, Style: Emitter, Form: Method,
		Adders: []string{"addListener", "prependListener"}, Undos: []string{"removeListener", "off"},
		Args: Args{Target: None, Event: 0, Handler: 1, Options: None}, IDArg: None, Returns: Receiver,
		Note: "Node EventEmitter"},
	{Family: Listener, Style: Emitter, Form: Method, Once: true,
		Adders: []string{"once", "prependOnceListener", "one"}, Undos: []string{"off", "removeListener"},
		Args: Args{Target: None, Event: 0, Handler: 1, Options: None}, IDArg: None, Returns: Receiver,
		Note: "Node EventEmitter: removed after the first event; jQuery's and video.js's one() likewise"},
	{Family: Listener, Style: VueBus, Form: Method,
		Adders: []string{"$on"}, Undos: []string{"$off"},
		Args: Args{Target: None, Event: 0, Handler: 1, Options: None}, IDArg: None, Returns: Receiver,
		Note: "Vue 2 instance events and event buses (new Vue())"},
	{Family: Listener, Style: VueBus, Form: Method, Once: true,
		Adders: []string{"$once"}, Undos: []string{"$off"},
		Args: Args{Target: None, Event: 0, Handler: 1, Options: None}, IDArg: None, Returns: Receiver,
		Note: "Vue 2: removed after the first event"},
	{Family: Listener, Style: ReturnsUndo, Form: Method,
		Adders: []string{"listen"},
		Args:   Args{Target: 0, Event: 1, Handler: 2, Options: None}, IDArg: None, Returns: Disposer,
		Note: "Angular Renderer2.listen(target, event, handler) returns the function that removes it; server.listen(port) shares the name, so a rule must check the receiver"},
	{Family: Listener, Style: ReturnsUndo, Form: Call,
		Adders: []string{"addAbortListener"},
		Args:   Args{Target: 0, Event: None, Handler: 1, Options: None}, IDArg: None, Returns: Disposer,
		Note: "Node events.addAbortListener(signal, listener) returns a Disposable"},

	{Family: Listener, Style: Signal, Form: Method,
		Adders: []string{"connect"}, Undos: []string{"disconnect"},
		Args: Args{Target: None, Event: None, Handler: 0, Options: 1}, IDArg: None, Returns: Nothing,
		Note: "Lumino signals (@lumino/signaling): the receiver is the signal; connect(fn, thisArg) keeps fn until disconnect(fn, thisArg) or Signal.clearData(owner). A connect given no function is no listener (db.connect(url))"},

	// Timers.
	{Family: Timer, Style: Scheduled, Form: Function, Repeats: true,
		Adders: []string{"setInterval"}, Undos: []string{"clearInterval"},
		Args: Args{Target: None, Event: None, Handler: 0, Options: None}, IDArg: 0, Returns: ID},
	{Family: Timer, Style: Scheduled, Form: Function,
		Adders: []string{"setTimeout"}, Undos: []string{"clearTimeout"},
		Args: Args{Target: None, Event: None, Handler: 0, Options: None}, IDArg: 0, Returns: ID},
	{Family: Timer, Style: Scheduled, Form: Function,
		Adders: []string{"requestAnimationFrame"}, Undos: []string{"cancelAnimationFrame"},
		Args: Args{Target: None, Event: None, Handler: 0, Options: None}, IDArg: 0, Returns: ID,
		Modules: map[string]string{"raf": "requestAnimationFrame", "rc-util/lib/raf": "requestAnimationFrame",
			"rc-util/es/raf": "requestAnimationFrame", "@rc-component/util/lib/raf": "requestAnimationFrame",
			"@rc-component/util/es/raf": "requestAnimationFrame"},
		ModuleUndo: "cancel",
		Note:       "wrappers (raf, rc-util's raf) schedule frames too and cancel them with raf.cancel(id)"},

	// Observers: created with new, started with observe(), undone with
	// disconnect() or unobserve(target).
	{Family: Observer, Style: Observing, Form: Constructor, ElementTargets: true,
		Adders: []string{"MutationObserver", "ResizeObserver", "IntersectionObserver"},
		Starts: []string{"observe"}, Undos: []string{"disconnect", "unobserve"},
		Args: Args{Target: None, Event: None, Handler: 0, Options: None}, IDArg: None, Returns: Handle,
		Modules: map[string]string{"resize-observer-polyfill": "ResizeObserver", "@juggle/resize-observer": "ResizeObserver",
			"resize-observer": "ResizeObserver", "mutationobserver-shim": "MutationObserver"},
		Note: "polyfills imported as modules are the same observers"},
	{Family: Observer, Style: Observing, Form: Constructor,
		Adders: []string{"PerformanceObserver", "ReportingObserver"},
		Starts: []string{"observe"}, Undos: []string{"disconnect"},
		Args: Args{Target: None, Event: None, Handler: 0, Options: None}, IDArg: None, Returns: Handle},

	// Subscriptions.
	{Family: Subscription, Style: Subscribing, Form: Method,
		Adders: []string{"subscribe"}, Undos: []string{"unsubscribe"},
		Args: Args{Target: None, Event: None, Handler: 0, Options: None}, IDArg: None, Returns: Disposer,
		Note: "RxJS observables, stores (Svelte, Redux), topic pub/sub clients"},

	// Resources. Which module a name must come from is the
	// resource-not-closed rule's own table (rules/resources/kinds.go).
	{Family: Resource, Style: Opening, Form: Call,
		Adders: []string{"openSync", "open", "createReadStream", "createWriteStream", "connect",
			"createConnection", "createPool", "createClient", "createCluster", "getConnection",
			"producer", "consumer", "admin", "launch", "newContext", "createServer", "createModel"},
		Undos: []string{"close", "end", "destroy", "release", "quit", "disconnect", "terminate",
			"destroySoon", "resetAndDestroy", "abort", "dispose", "kill", "closeSync", "done"},
		Args: Args{Target: None, Event: None, Handler: None, Options: None}, IDArg: None, Returns: Handle,
		Note: "fs, net, tls (sockets and servers), database drivers and pool checkouts, kafkajs clients (kafka.producer()), Playwright and Puppeteer browsers and contexts, Monaco text models (monaco.editor.createModel); fs.open's descriptor is closed by fs.close(fd)"},
	{Family: Resource, Style: Opening, Form: Constructor,
		Adders: []string{"WebSocket", "EventSource", "BroadcastChannel", "Worker", "Pool", "Client", "MongoClient", "Redis", "Cluster"},
		Undos:  []string{"close", "terminate", "end", "quit", "disconnect"},
		Args:   Args{Target: None, Event: None, Handler: None, Options: None}, IDArg: None, Returns: Handle},
}

var builtinTable = mustNew(builtin)

func mustNew(list []API) *Table {
	t, err := New(list)
	if err != nil {
		panic("apis: the built-in table is inconsistent: " + err.Error())
	}
	return t
}

// Builtin returns the table leakwatch ships, without configuration.
func Builtin() *Table { return builtinTable }

// accumulatingTypes are declared types whose listener API appends to a list
// (Node's EventEmitter and its subclasses, the DOM's EventTarget family):
// every registration adds one more listener, so one left behind by an owner
// that ends is a leak. An `on` of an unknown API may well replace a single
// handler slot (an RPC connection's request handlers), which is no leak.
var accumulatingTypes = map[string]bool{
	"EventEmitter": true, "NodeJS.EventEmitter": true, "events.EventEmitter": true, "Emitter": true,
	"EventTarget": true, "Window": true, "Document": true, "Element": true, "HTMLElement": true,
	"Node": true, "MediaQueryList": true, "WebSocket": true, "Worker": true, "BroadcastChannel": true,
	"Socket": true, "net.Socket": true, "Server": true, "http.Server": true, "net.Server": true,
	"ChildProcess": true, "Readable": true, "Writable": true, "Duplex": true, "Stream": true,
}

// Accumulates reports whether a declared type (as scope.DeclaredType names
// it) is one whose listener API appends to a list of listeners.
func Accumulates(typeName string) bool { return accumulatingTypes[typeName] }
