package apis

import (
	"regexp"
	"strings"
)

// Words in event names and in the names code gives its functions and
// fields that tell the rules what a registration's code does. They are
// held here, beside the APIs they describe, so that no rule keeps a
// private list and a new word is one edit.

// Events.

// repeatingEvents fire many times over a program's life; a handler of one
// runs per event. One-shot events (load, ready, listening, open) are not
// listed: a listener added there is added once.
var repeatingEvents = map[string]bool{
	"message": true, "data": true, "upgrade": true, "stream": true,
	"click": true, "dblclick": true, "input": true, "change": true, "submit": true,
	"keydown": true, "keyup": true, "keypress": true, "mousedown": true, "mouseup": true,
	"mousemove": true, "mouseover": true, "mouseenter": true, "mouseleave": true,
	"pointerdown": true, "pointerup": true, "pointermove": true, "touchstart": true,
	"touchend": true, "touchmove": true, "scroll": true, "resize": true, "wheel": true,
	"focus": true, "blur": true, "hashchange": true, "popstate": true, "visibilitychange": true,
	"dragstart": true, "dragover": true, "drop": true, "contextmenu": true,
}

// RepeatingEvent reports an event that fires many times (click, data,
// message), so its handler runs again and again.
func RepeatingEvent(ev string) bool { return repeatingEvents[ev] }

// An object firing one of its own events (this.emit("stale"),
// this.trigger("stale"), this.fire("stale"), this.dispatchEvent(new
// Event("stale"))) runs at once the handlers it added to itself for that
// event with a lasting listener (on, addListener, addEventListener; not
// once), until it takes them off again (off, removeListener,
// removeEventListener, removeAllListeners, un). A timer whose callback
// fires such an event runs those handlers, as a direct call would.
var (
	selfEmits   = map[string]bool{"emit": true, "trigger": true, "fire": true, "dispatchEvent": true}
	selfListens = map[string]bool{"on": true, "addListener": true, "addEventListener": true}
	selfUnlists = map[string]bool{"off": true, "removeListener": true, "removeEventListener": true, "removeAllListeners": true, "un": true}
)

// EmitMethod reports a method that fires an event at its receiver's own
// handlers (emit, trigger, fire, dispatchEvent).
func EmitMethod(name string) bool { return selfEmits[name] }

// LastingListenMethod reports a method that adds a handler which stays
// until it is taken off (on, addListener, addEventListener).
func LastingListenMethod(name string) bool { return selfListens[name] }

// UnlistenMethod reports a method that takes handlers off (off,
// removeListener, removeEventListener, removeAllListeners, un).
func UnlistenMethod(name string) bool { return selfUnlists[name] }

// Function wrappers: lodash's, underscore's and their look-alikes'
// debounce and throttle return a new function on every call, so a second
// call's result is never the function the first one gave a listener.
var functionWrappers = map[string]bool{"debounce": true, "throttle": true}

// FunctionWrapper reports a call (by its function or method name) that
// wraps a function in a new one each time: debounce, throttle.
func FunctionWrapper(name string) bool { return functionWrappers[name] }

// A project's own frame helper: a relative module named for it
// (utils/dom/raf, ../raf.js) whose raf export (or default) schedules a
// frame the way requestAnimationFrame does, with a fallback timeout where
// there is none. The package wrappers are the API table's Modules.
var ownRafModule = regexp.MustCompile(`^\.\.?/(.*/)?raf(\.[jt]s)?$`)

// OwnFrameHelper reports an import of a project's own raf helper: export
// raf or default from a relative module named raf.
func OwnFrameHelper(module, export string) bool {
	return (export == "raf" || export == "default") && ownRafModule.MatchString(module)
}

// Gestures: listeners added when a pointer gesture starts live as long as
// the gesture, and are removed when it ends.
var (
	gestureStarts = map[string]bool{"pointerdown": true, "mousedown": true, "touchstart": true, "dragstart": true}
	gestureEnds   = map[string]bool{"pointerup": true, "mouseup": true, "touchend": true, "touchcancel": true,
		"pointercancel": true, "dragend": true, "drop": true, "lostpointercapture": true}
	// gestureEndName: onDragEnd, handleMouseUp, onSliderTouchend, mouseup,
	// stop, stopResize; not setup or startup, which only end in "up".
	gestureEndName = regexp.MustCompile(`^(?i:(on|handle)?(pointer|mouse|touch|drag)?(up|end|cancel|drop|release|stop))$|[a-z0-9](Up|End|Cancel|Drop|Release|Stop)$|(?i:(pointer|mouse|touch|drag)(up|end|cancel))$|^(stop|end|cancel|release)[A-Z_]`)
)

// GestureStart reports an event that starts a pointer gesture (pointerdown).
func GestureStart(ev string) bool { return gestureStarts[ev] }

// GestureEnd reports an event that ends one (pointerup, touchcancel, drop).
func GestureEnd(ev string) bool { return gestureEnds[ev] }

// mouseGesture: the events of a mouse drag. The button is always
// released, and window and document get the mouseup wherever that is, so
// its end handler always runs; touch and pointer gestures can end in a
// cancel their end handler never hears.
var mouseGesture = map[string]bool{"mousemove": true, "mouseup": true, "mousedown": true, "mouseleave": true, "mouseout": true, "mouseover": true, "mouseenter": true}

// GestureAlwaysEnds reports an event of a gesture whose end always comes
// (a mouse drag's).
func GestureAlwaysEnds(ev string) bool { return mouseGesture[ev] }

// GestureEndName reports a function named for the end of a gesture
// (onDragEnd, handleMouseUp, resizeStop).
func GestureEndName(name string) bool { return gestureEndName.MatchString(name) }

// Topics.

// topicUndos are the methods that end a topic pub/sub subscription by
// naming it: MQTT, Redis, STOMP and NATS clients subscribe(topic) and
// unsubscribe(topic). RxJS's Subscription and Subject unsubscribe() take
// no argument and a store's unsubscribe function is called bare, so an
// unsubscribe given an argument says its receiver subscribes by topic.
var topicUndos = map[string]bool{"unsubscribe": true}

// TopicUndo reports a call of method with nargs arguments that ends a
// topic subscription by its name (client.unsubscribe("news")).
func TopicUndo(method string, nargs int) bool { return nargs > 0 && topicUndos[method] }

// Paths.

// Test suites: a file under __tests__ or __mocks__, or named *.test.* or
// *.spec.*, runs in a test runner. What its code adds per call (a mock's
// listener on the signal the code under test passes it) lives at most as
// long as the test: it is no per-request code of the application, and no
// maintainer takes a leak fix for a mock. Folders merely named test or
// tests are not listed: some projects keep fixtures or servers there.
var (
	testDirs  = []string{"__tests__", "__mocks__"}
	testMarks = []string{".test.", ".spec."}
)

// InTestSuite reports a path of a test file or a test's mock
// (src/__tests__/a.ts, useThing.test.tsx, api.spec.js).
func InTestSuite(path string) bool {
	path = strings.ReplaceAll(path, "\\", "/")
	for _, part := range strings.Split(path, "/") {
		for _, d := range testDirs {
			if part == d {
				return true
			}
		}
	}
	base := path[strings.LastIndexByte(path, '/')+1:]
	for _, m := range testMarks {
		if strings.Contains(base, m) {
			return true
		}
	}
	return false
}

// Names.

// undoName matches methods whose job is to undo registrations.
var undoName = regexp.MustCompile(`^(_|#)?(remove|unbind|unlisten|off|detach|destroy|dispose|cleanup|teardown|unsubscribe|disconnect|unmount|unregister|release)`)

// UndoName reports a method name that says it undoes registrations
// (removeListeners, _unbind, disposeAll).
func UndoName(name string) bool { return undoName.MatchString(name) }

// jobUnderway matches a status field, or a status value, that says a job
// is still under way: {running: true}, status === "pending", case
// "in_progress". A success flag (ok, success) is no such word: a poll
// that re-arms while its request succeeds runs for as long as the server
// answers.
var jobUnderway = regexp.MustCompile(`^(?i)(is_?)?(running|pending|processing|in_?progress|queued|busy)$`)

// JobUnderway reports a status field or value that says the job it
// describes is still under way (running, isPending, "in_progress").
func JobUnderway(word string) bool { return jobUnderway.MatchString(word) }

// streamMethod matches method names that say they return a stream of
// events rather than the answer to one request: on*, watch*, receive*,
// monitor, observe, listen, and names with Change(s), Updates, Event(s),
// Scrolled (not a single Update: confirmEmailUpdate is a request).
var streamMethod = regexp.MustCompile(`^(on[A-Z]|watch|receive|monitor$|observe|listen|changed$|valueChanges$)|[a-z](Change|Changes|Changed|Updates|Event|Events|Scrolled)([A-Z]|$)`)

// StreamMethod reports a method whose name says it hands out a stream of
// events (onChange, watchUser, valueChanges, getChangeEventFor).
func StreamMethod(name string) bool { return streamMethod.MatchString(name) }

// Modal and dialog references (NgbModalRef, MatDialogRef): their streams
// complete when the modal or dialog closes.
var (
	dialogRef     = regexp.MustCompile(`(?i)(modal|dialog|sheet|drawer|popover|overlay)ref$`)
	dialogStreams = map[string]bool{
		"closed": true, "dismissed": true, "afterClosed": true, "afterDismissed": true,
		"beforeClosed": true, "afterOpened": true, "result": true,
	}
)

// DialogRef reports a name or declared type of a modal or dialog
// reference (modalRef, MatDialogRef<X>).
func DialogRef(name string) bool { return dialogRef.MatchString(name) }

// DialogStream reports a property of a dialog reference whose stream
// completes when it closes (afterClosed, dismissed).
func DialogStream(prop string) bool { return dialogStreams[prop] }

// State merges: a method that merges the object it is given into a member
// of the instance keeps each value there (`this.setState({ timer: id })`
// keeps id in this.state.timer; Preact and Inferno share React's).
var stateMergers = map[string]string{"setState": "state"}

// StateMerger returns the member a method merges its object argument into
// (setState: state), or "".
func StateMerger(method string) string { return stateMergers[method] }

// Ends and failures: events an emitter fires at most once, when it fails
// or ends. A once-listener for one of them, raced against a normal event
// ("ready", "message"), waits as long as the emitter stays healthy.
var endEvents = map[string]bool{
	"error": true, "close": true, "exit": true, "end": true, "abort": true,
	"disconnect": true, "timeout": true, "aborted": true, "closed": true,
}

// EndEvent reports an event that says the emitter failed or ended.
func EndEvent(ev string) bool { return endEvents[ev] }

// Property watchers: decorators that run a method when a property of the
// component changes, synchronously enough that a teardown's
// `this.open = false` runs the watcher's closing branch (Shoelace's
// @watch, which Lit's update cycle runs after disconnection; Stencil's
// @Watch, run by the property's setter).
var watcherDecorators = map[string]bool{"watch": true, "Watch": true}

// WatcherDecorator reports a decorator that makes a method a property
// watcher (@watch('open')).
func WatcherDecorator(name string) bool { return watcherDecorators[name] }

// Cancel tokens (axios's CancelToken, cancelToken, abortToken): a
// token.promise.then callback cannot be removed, unlike a promise that
// merely settles once (ready, loaded).
var cancelToken = regexp.MustCompile(`(?i)token$`)

// CancelToken reports a name or property that holds a cancel token.
func CancelToken(name string) bool { return cancelToken.MatchString(name) }

// Callback slots of global objects: a setter keeps one callback
// (window.launchQueue.setConsumer(fn), navigator.mediaSession
// .setActionHandler("play", fn)) until it is set again.
var (
	setterName = regexp.MustCompile(`^set([A-Z]\w*)?(Consumer|Handler|Listener|Callback)$`)
	// setterNeedles are text every call of such a setter contains.
	setterNeedles = []string{"Consumer(", "Handler(", "Listener(", "Callback("}
)

// SetterName reports a method that sets a single callback slot.
func SetterName(name string) bool { return setterName.MatchString(name) }

// SetterNeedles returns prefilter needles that every setter call holds.
func SetterNeedles() []string { return append([]string(nil), setterNeedles...) }

// Reopening methods run again while a connection may still be open
// (reconnect, reopen, restart, a close or error handler), so what they open
// must not go over a live one.
var reopeningName = regexp.MustCompile(`^_?(re(connect|open|start|init|create|subscribe|attach)|(handle|on)(Reconnect|Disconnect|Close|Error))`)

// ReopeningName reports a method named for opening again.
func ReopeningName(name string) bool { return reopeningName.MatchString(name) }

// Page ends: calls after which the page a registration lives on is gone.
var (
	// pageLoads load a new document: every listener, element and timer of
	// the old one goes with it.
	pageLoads = map[string]bool{
		"location.reload": true, "window.location.reload": true, "document.location.reload": true,
		"location.assign": true, "window.location.assign": true,
		"location.replace": true, "window.location.replace": true,
	}
	// pageRenders replace the page's content without a new document
	// (NodeBB's ajaxify, Hotwire Turbo, Turbolinks): the old content's
	// elements go, window and document stay.
	pageRenders = map[string]bool{
		"ajaxify.refresh": true, "ajaxify.go": true, "Turbo.visit": true, "Turbolinks.visit": true,
	}
	// pageLocations are assigned to load a new document (location.href = url).
	pageLocations = map[string]bool{
		"location": true, "location.href": true, "window.location": true, "window.location.href": true,
		"document.location": true, "document.location.href": true,
	}
)

// PageLoad reports a callee (as written) that loads a new document.
func PageLoad(callee string) bool { return pageLoads[callee] }

// PageRender reports a callee that replaces the page's content in place.
func PageRender(callee string) bool { return pageRenders[callee] }

// PageLocation reports an assignment target that loads a new document.
func PageLocation(target string) bool { return pageLocations[target] }

// Instance getters hand out the current connection and are called again
// and again (getBrowser, ensureClient), so what they open must not go over
// the one they handed out before.
var instanceGetterName = regexp.MustCompile(`^_?(get|ensure)[A-Z]`)

// InstanceGetterName reports a function named for handing out an instance.
func InstanceGetterName(name string) bool { return instanceGetterName.MatchString(name) }

// amdLoaders take an AMD module's factory (define(["dep"], function (dep)
// {...})) or a page script's (require([...], fn)): the factory runs once,
// its parameters are modules that live as long as the page, and what it
// returns is the module's export.
var amdLoaders = map[string]bool{"define": true, "require": true, "requirejs": true}

// AMDLoader reports a callee that takes an AMD factory.
func AMDLoader(callee string) bool { return amdLoaders[callee] }

// VS Code and Monaco events: `x.onDidChangeFoo(fn)`, `x.onWillSave(fn)` and
// an Emitter's `emitter.event(fn)` (an Event<T> is a function taking the
// listener) register and return an IDisposable, the only way to remove the
// listener again. They have no undo name, so they are not in the API
// table: the listener rules read them by these names.
var (
	disposableEventName = regexp.MustCompile(`^on(Did|Will)[A-Z]\w*$`)
	// disposableEventNeedles are text every such call contains.
	disposableEventNeedles = []string{"onDid", "onWill", ".event(", "DisposableListener("}
)

// Listener helpers known by name, for when the file that declares them is
// not read: VS Code's dom.addDisposableListener(node, type, handler,
// useCapture) and addStandardDisposableListener, which xterm.js and other
// editors copied, add a DOM listener and return the IDisposable that
// removes it.
var disposableListenerHelpers = map[string]bool{"addDisposableListener": true, "addStandardDisposableListener": true}

// DisposableListenerHelper reports a helper, by name, that adds a DOM
// listener on its first argument (event second, handler third) and
// returns an IDisposable that removes it.
func DisposableListenerHelper(name string) bool { return disposableListenerHelpers[name] }

// VS Code's Disposable base class disposes what its _register(d) is given
// when the instance is disposed; a class may also write its own _register.
const disposableBase = "Disposable"

// RegisterMethod is the method of a Disposable that ties a disposable to
// the instance's life.
const RegisterMethod = "_register"

// DisposableBase reports a base class named for VS Code's Disposable
// (Disposable, lifecycle.Disposable).
func DisposableBase(base string) bool {
	return base == disposableBase || strings.HasSuffix(base, "."+disposableBase)
}

// DisposableEvent reports a method whose call registers a listener and
// returns its IDisposable (onDidChangeContent, onWillSave, event).
func DisposableEvent(name string) bool {
	return name == "event" || disposableEventName.MatchString(name)
}

// DisposableEventNeedles returns prefilter needles that every call of a
// DisposableEvent method holds.
func DisposableEventNeedles() []string { return append([]string(nil), disposableEventNeedles...) }

// Version fences: a collection that keeps a number per key for work in
// flight to compare against (gens, rowEpochs, docRevisions) is named so.
// A fence's entries must outlive that work, so it is bookkeeping rather
// than a cache (rules/caches reads the bump itself, too).
var versionName = regexp.MustCompile(`(?i)generation|epoch|revision|version`)

// VersionName reports a collection name that says it holds version
// numbers per key.
func VersionName(name string) bool { return versionName.MatchString(name) }

// Request endpoints: a listener on one of these buses under a literal
// channel answers that channel's requests for the whole program
// (Electron's ipcMain, which ipcRenderer.send and invoke reach). A program
// registers one per channel, for a second would answer every request
// again, so whatever registers it is made once and lives as long as the
// program: a service built at startup, not a per-window object.
var endpointBuses = map[string]map[string]bool{"electron": {"ipcMain": true}}

// EndpointBus reports an export of a module that is such a bus.
func EndpointBus(module, export string) bool { return endpointBuses[module][export] }

// Page load: events that fire once in a page's life, so a listener of one
// added when a module loads runs once (an entry that mounts its root on
// DOMContentLoaded mounts it once).
var pageLoadEvents = map[string]bool{"DOMContentLoaded": true, "load": true, "deviceready": true}

// PageLoadEvent reports an event that fires once per page.
func PageLoadEvent(ev string) bool { return pageLoadEvents[ev] }

// Element callbacks: collection methods that call their callback with
// each element as its first argument (nodes.forEach(node => ...)).
var elementCallbacks = map[string]bool{
	"forEach": true, "map": true, "flatMap": true, "filter": true, "find": true, "findIndex": true,
	"findLast": true, "findLastIndex": true, "some": true, "every": true,
}

// ElementCallback reports a collection method whose callback's first
// parameter is each element in turn.
func ElementCallback(method string) bool { return elementCallbacks[method] }

// Catalogue caches: a cache of assets the program ships and names by id
// (icons, glyphs, emoji, sprites) is keyed by the ids of that finite set,
// and keeping each one fetched is the point. Matched at the start of a
// word (iconCache, svgIcons, GLYPH_MAP), so that lexicon or silicon are
// not icons.
var catalogueName = regexp.MustCompile(`^(icon|glyph|emoji|sprite)|Icon|Glyph|Emoji|Sprite|(^|_)(ICON|GLYPH|EMOJI|SPRITE)`)

// CatalogueName reports a collection name that says it caches such assets.
func CatalogueName(name string) bool { return catalogueName.MatchString(name) }

// Settings: objects that hold the program's configuration or a configured
// account (cfg, config, settings, credentials, caldavCfg, ServerSettings).
// What is keyed by them takes a new key only when someone edits the
// settings.
var configName = regexp.MustCompile(`^(cfg|conf|config|configuration|settings|prefs|preferences|credentials|creds)$|[a-z0-9](Cfg|Conf|Config|Configuration|Settings|Prefs|Preferences|Credentials)$`)

// ConfigName reports a variable, property or type name that says it holds
// settings.
func ConfigName(name string) bool { return configName.MatchString(name) }

// Start-up flags: a check that the program has finished starting
// (isReady(), this.initialized, isAppServiceContainerReady(), started).
// What only runs before it holds happens while the program starts, a
// bounded number of times.
var readyName = regexp.MustCompile(`(?i)(ready|initiali[sz]ed|started|booted|bootstrapped)$`)

// readyFor is a start-up flag named for what became ready
// (ipcReadyWebTorrent, isReadyForInput, dbInitializedOnce): the word
// after a first word, followed by a qualifier. A first word is left out
// (readyQueue is a queue, startedAt a time), and so are qualifiers that
// make it something other than a flag (workerReadyState, serverStartedAt).
var (
	readyFor       = regexp.MustCompile(`[a-z0-9](?:Ready|Initiali[sz]ed|Started|Booted|Bootstrapped)([A-Z][A-Za-z0-9]*)$`)
	notReadyQualif = regexp.MustCompile(`^(?:State|At|Time|Timestamp|Date|Queue|List|Count|Callbacks?|Handlers?|Listeners?|Resolvers?)`)
)

// ReadyName reports a flag or function name that says the program is up.
func ReadyName(name string) bool {
	if readyName.MatchString(name) {
		return true
	}
	m := readyFor.FindStringSubmatch(name)
	return m != nil && !notReadyQualif.MatchString(m[1])
}

// User spaces: in a client, the workspaces, teams and organisations of the
// signed-in user, a handful each. What a UI keeps per workspace (an avatar,
// a shell document collection) has one entry for each of them; on a server
// the same id is every customer's, so the rules ask for UI code too.
var (
	userSpaceName = regexp.MustCompile(`^(?:(?:current|active|selected)(?:Workspace|Team|Org|Organi[sz]ation)|(?:workspace|team|org|organi[sz]ation))(?:Id|ID|Key)?$|^(?:workspace|team|org|organi[sz]ation)_id$`)
	userSpaceType = regexp.MustCompile(`^(?:Workspace|Team|Organi[sz]ation)(?:Meta|Metadata|Info|Profile|Summary)?$`)
	// uiModules render a user interface: a file importing one runs in a
	// client (or renders for one), not in a server's request handlers.
	uiModules    = map[string]bool{"react": true, "react-dom": true, "preact": true, "vue": true, "svelte": true, "solid-js": true, "@angular/core": true, "lit": true}
	uiModuleRoot = regexp.MustCompile(`^(?:react-dom|preact|svelte|solid-js|lit)/|^@vue/`)
)

// UserSpaceName reports a name that says it holds one of the signed-in
// user's workspaces or its id (workspaceId, currentTeam, org_id).
func UserSpaceName(name string) bool { return userSpaceName.MatchString(name) }

// UserSpaceType reports a type name for a workspace, team or organisation
// record (WorkspaceMetadata, Team).
func UserSpaceType(name string) bool { return userSpaceType.MatchString(name) }

// UIModule reports a module whose import makes a file UI code (react, vue,
// svelte/store).
func UIModule(module string) bool { return uiModules[module] || uiModuleRoot.MatchString(module) }
