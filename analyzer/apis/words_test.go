package apis

import "testing"

// The word lists the rules read: each says yes to the names it is for and
// no to their near misses.
func TestWords(t *testing.T) {
	cases := []struct {
		what string
		fn   func(string) bool
		yes  []string
		no   []string
	}{
		{"EmitMethod", EmitMethod, []string{"emit", "trigger", "fire", "dispatchEvent"}, []string{"on", "once", "emitter", "triggerHandler"}},
		{"LastingListenMethod", LastingListenMethod, []string{"on", "addListener", "addEventListener"}, []string{"once", "one", "off"}},
		{"UnlistenMethod", UnlistenMethod, []string{"off", "removeListener", "removeEventListener", "removeAllListeners", "un"}, []string{"on", "remove", "dispose"}},
		{"OwnFrameHelper raf", func(m string) bool { return OwnFrameHelper(m, "raf") }, []string{"../utils/dom/raf", "./raf", "../raf.js", "./util/raf.ts"}, []string{"raf", "rc-util/lib/raf", "./rafs", "../utils/raf-polyfill"}},
		{"OwnFrameHelper export", func(e string) bool { return OwnFrameHelper("../utils/dom/raf", e) }, []string{"raf", "default"}, []string{"cancelRaf", "doubleRaf"}},
		{"FunctionWrapper", FunctionWrapper, []string{"debounce", "throttle"}, []string{"bind", "debounced", "memoize"}},
		{"RepeatingEvent", RepeatingEvent, []string{"click", "data", "message"}, []string{"load", "listening", "ready"}},
		{"GestureStart", GestureStart, []string{"pointerdown", "touchstart"}, []string{"pointerup", "click"}},
		{"GestureEnd", GestureEnd, []string{"pointerup", "touchcancel", "drop"}, []string{"pointerdown", "pointermove"}},
		{"GestureAlwaysEnds", GestureAlwaysEnds, []string{"mousemove", "mouseup", "mouseleave"}, []string{"touchmove", "pointermove", "pointerup", "touchend"}},
		{"GestureEndName", GestureEndName, []string{"onDragEnd", "handleMouseUp", "resizeStop"}, []string{"onDragStart", "render"}},
		{"UndoName", UndoName, []string{"removeListeners", "_unbind", "disposeAll", "#teardown"}, []string{"addListener", "start", "premove"}},
		{"JobUnderway", JobUnderway, []string{"running", "isPending", "in_progress", "PROCESSING", "queued"}, []string{"ok", "success", "done", "runningTotal", "status"}},
		{"StreamMethod", StreamMethod, []string{"onChange", "watchUser", "valueChanges", "getChangeEventFor"}, []string{"confirmEmailUpdate", "getUser", "once"}},
		{"DialogRef", DialogRef, []string{"modalRef", "MatDialogRef", "drawerRef"}, []string{"ref", "modal", "dialogRefs"}},
		{"DialogStream", DialogStream, []string{"afterClosed", "dismissed"}, []string{"open", "componentInstance"}},
		{"CancelToken", CancelToken, []string{"cancelToken", "token", "abortToken"}, []string{"ready", "tokens", "tokenizer"}},
		{"EndEvent", EndEvent, []string{"error", "close", "exit"}, []string{"ready", "drain", "failed", "message"}},
		{"StateMerger", func(m string) bool { return StateMerger(m) == "state" }, []string{"setState"}, []string{"setTimeout", "useState", "set"}},
		{"SetterName", SetterName, []string{"setConsumer", "setActionHandler", "setHandler"}, []string{"setState", "setTimeout", "setup"}},
		{"DisposableEvent", DisposableEvent, []string{"onDidChangeContent", "onWillSave", "event"}, []string{"onDidnt", "onDid", "onChange", "events", "onWillow"}},
		{"DisposableBase", DisposableBase, []string{"Disposable", "lifecycle.Disposable"}, []string{"IDisposable", "DisposableStore", "Base"}},
		{"WatcherDecorator", WatcherDecorator, []string{"watch", "Watch"}, []string{"watchEffect", "observe", "state"}},
		{"ReopeningName", ReopeningName, []string{"reconnect", "_restart", "onClose", "handleError"}, []string{"connect", "render", "reset"}},
		{"EndpointBus", func(e string) bool { return EndpointBus("electron", e) }, []string{"ipcMain"}, []string{"ipcRenderer", "app", "default"}},
		{"MakesNew from d3", func(e string) bool { return MakesNew("d3", e) }, []string{"forceSimulation", "zoom", "create", "drag"}, []string{"select", "selectAll", "zoomIdentity"}},
		{"MakesNew from d3-force", func(e string) bool { return MakesNew("d3-force", e) }, []string{"forceSimulation"}, []string{"zoom", "forceLink"}},
		{"D3Module", D3Module, []string{"d3", "d3-selection", "d3-zoom"}, []string{"d3fc", "three", "@d3/x"}},
		{"D3ChildMaker", D3ChildMaker, []string{"append", "insert"}, []string{"select", "call", "attr"}},
		{"RenderMethod", RenderMethod, []string{"render"}, []string{"renderItem", "componentDidMount"}},
		{"MergedCallback", func(m string) bool { return MergedCallback(m) == 1 }, []string{"setState"}, []string{"forceUpdate", "set"}},
		{"DocumentQuery", DocumentQuery, []string{"querySelector", "getElementById", "getElementsByClassName"}, []string{"closest", "getElementsByTagName", "matches"}},
		{"HTMLParserModule", HTMLParserModule, []string{"html-react-parser", "react-html-parser", "html-to-react", "htmr"}, []string{"dompurify", "./html", "marked", "react"}},
		{"PageLoadEvent", PageLoadEvent, []string{"DOMContentLoaded", "load"}, []string{"click", "message", "loadend"}},
		{"ElementCallback", ElementCallback, []string{"forEach", "map", "find"}, []string{"reduce", "sort", "push"}},
		{"ViewQuery", ViewQuery, []string{"viewChild", "viewChild.required", "viewChildren"}, []string{"contentChild", "input"}},
		{"ParentGiven", ParentGiven, []string{"Input", "input.required", "ContentChild", "model"}, []string{"ViewChild", "viewChild", "Output"}},
		{"CatalogueName", CatalogueName, []string{"iconCache", "svgIcons", "GLYPH_MAP", "emojiById", "spriteSheets"}, []string{"lexicon", "silicon", "cache", "userAvatars"}},
		{"ConfigName", ConfigName, []string{"cfg", "settings", "caldavCfg", "ServerSettings", "credentials"}, []string{"request", "configure", "settingsPanelOpen", "user"}},
		{"ReadyName", ReadyName, []string{"isReady", "initialized", "isAppServiceContainerReady", "started", "booted", "ipcReadyWebTorrent", "isReadyForInput"}, []string{"ready2", "startTime", "readyQueue", "init", "readyState", "workerReadyState", "serverStartedAt", "onReadyCallbacks", "alreadyStarted2"}},
		{"HTTPRequestMethod", HTTPRequestMethod, []string{"get", "post", "jsonp"}, []string{"subscribe", "pipe", "getAll"}},
		{"SingleRequestOperator", SingleRequestOperator, []string{"map", "take", "shareReplay"}, []string{"catchError", "switchMap", "mergeMap"}},
		{"VersionName", VersionName, []string{"rowGenerations", "epochs", "docRevision", "versionByCell"}, []string{"cache", "rows", "generator"}},
		{"WrapperOpener", WrapperOpener, []string{"connect", "createClient", "createConnection"}, []string{"getClient", "client", "disconnect"}},
		{"ProjectModule", ProjectModule, []string{"./db", "../database/redis", "@/lib/mongo", "~/pg"}, []string{"redis", "@redis/client", "node:net"}},
		{"TopicUndo with a topic", func(m string) bool { return TopicUndo(m, 1) }, []string{"unsubscribe"}, []string{"subscribe", "off", "unsubscribeAll"}},
		{"TopicUndo without one", func(m string) bool { return TopicUndo(m, 0) }, nil, []string{"unsubscribe"}},
		{"InTestSuite", InTestSuite, []string{"src/__tests__/a.ts", "src/hooks/useThing.test.tsx", "api.spec.js", "lib/__mocks__/fs.js", `src\__tests__\b.ts`},
			[]string{"src/latest.ts", "src/contest/a.ts", "test-utils.ts", "src/tests.ts", "specs.ts"}},
		{"UserSpaceName", UserSpaceName, []string{"workspaceId", "workspace", "currentTeam", "orgId", "organization_id", "activeWorkspaceId"},
			[]string{"workspaces", "workspaceDocId", "teamMember", "organ", "docId", "currentUser"}},
		{"UserSpaceType", UserSpaceType, []string{"WorkspaceMetadata", "Team", "Organisation"}, []string{"WorkspaceService", "TeamMember", "Doc"}},
		{"UIModule", UIModule, []string{"react", "vue", "svelte/store", "@angular/core", "react-dom/client", "@vue/runtime-core"},
			[]string{"reactive", "express", "@nestjs/common", "vuex-like", "./react"}},
		{"InstanceGetterName", InstanceGetterName, []string{"getBrowser", "_getClient", "ensureConnection"}, []string{"get", "getter", "target", "connect"}},
	}
	for _, c := range cases {
		for _, s := range c.yes {
			if !c.fn(s) {
				t.Errorf("%s(%q) = false, want true", c.what, s)
			}
		}
		for _, s := range c.no {
			if c.fn(s) {
				t.Errorf("%s(%q) = true, want false", c.what, s)
			}
		}
	}
}

// A driver wrapper is a project file named after its driver; a package
// of the same name is the driver itself.
func TestDriverWrapper(t *testing.T) {
	for spec, want := range map[string]string{
		"../database/redis":     "redis",
		"./lib/mongo.ts":        "mongodb",
		"@/db/pg/index":         "postgres",
		"~/store/mariadb.js":    "mysql",
		"pg":                    "",
		"../database/sqlite":    "",
		"./redis/helpers":       "",
		"../postgresql":         "postgres",
		"./database/ioredis.js": "redis",
	} {
		if got := DriverWrapper(spec); got != want {
			t.Errorf("DriverWrapper(%q) = %q, want %q", spec, got, want)
		}
	}
}

// A signal package is read from its import, in either module syntax; a
// mention elsewhere, or another scope, is not one.
func TestImportsSignals(t *testing.T) {
	for src, want := range map[string]bool{
		`import { Signal } from "@lumino/signaling";`:                 true,
		`const { ISignal } = require('@phosphor/signaling');`:         true,
		`import type { INotebookModel } from '@jupyterlab/notebook';`: true,
		`// see @lumino/signaling for the pattern`:                    false,
		`import { connect } from "mqtt";`:                             false,
		`import { Signal } from "@luminous/signals";`:                 false,
	} {
		if got := ImportsSignals(src); got != want {
			t.Errorf("ImportsSignals(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestInstanceCallback(t *testing.T) {
	for _, c := range []struct {
		callee, option string
		want           bool
	}{
		{"tinymce.init", "setup", true},
		{"tinymce.init", "init_instance_callback", true},
		{"tinymce.init", "selector", false},
		{"editor.init", "setup", false},
	} {
		if got := InstanceCallback(c.callee, c.option); got != c.want {
			t.Errorf("InstanceCallback(%q, %q) = %v, want %v", c.callee, c.option, got, c.want)
		}
	}
}
