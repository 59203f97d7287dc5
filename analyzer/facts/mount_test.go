package facts

import (
	"reflect"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

func TestExtractMounts(t *testing.T) {
	for _, c := range []struct {
		name string
		lang syntax.Lang
		src  string
		want []string
	}{
		{"vue 3 chained", syntax.TypeScript, `import { createApp } from "vue"; import App from "./App.vue"; createApp(App).use(router).mount("#app");`, []string{"App"}},
		{"vue 3 through a const", syntax.TypeScript, `import { createApp } from "vue"; import Forms from "./Forms.vue"; const app = createApp(Forms); app.mount("#content");`, []string{"Forms"}},
		{"vue 2 render", syntax.JavaScript, `import Vue from "vue"; import App from "./App.vue"; new Vue({ router, render: h => h(App) }).$mount("#app");`, []string{"App"}},
		{"vue 2 render method", syntax.JavaScript, `import Vue from "vue"; import App from "./App.vue"; new Vue({ el: "#app", render(h) { return h(App) } });`, []string{"App"}},
		{"svelte 3 target", syntax.JavaScript, `import App from "./App.svelte"; const app = new App({ target: document.body }); export default app;`, []string{"App"}},
		{"svelte 5 mount", syntax.TypeScript, `import { mount } from "svelte"; import App from "./App.svelte"; mount(App, { target: document.getElementById("app")! });`, []string{"App"}},
		{"react 18", syntax.TSX, `import { createRoot } from "react-dom/client"; import { StrictMode } from "react"; import App from "./App"; createRoot(el).render(<StrictMode><App /></StrictMode>);`, []string{"App", "StrictMode"}},
		{"react 17", syntax.JavaScript, `import ReactDOM from "react-dom"; import { Main } from "./Main"; ReactDOM.render(<Main/>, document.getElementById("root"));`, []string{"Main"}},
		{"in a function", syntax.TypeScript, `import { createApp } from "vue"; import Dialog from "./Dialog.vue"; export function open(el) { createApp(Dialog).mount(el) }`, nil},
		{"on the page's load", syntax.TSX, `import { createRoot } from "react-dom/client"; import App from "./App"; document.addEventListener("DOMContentLoaded", () => createRoot(el).render(<App />));`, []string{"App"}},
		{"on a repeating event", syntax.TSX, `import { createRoot } from "react-dom/client"; import App from "./App"; button.addEventListener("click", () => createRoot(el).render(<App />));`, nil},
		{"after a promise", syntax.TypeScript, `import { createApp } from "vue"; import App from "./App.vue"; register().then(() => { const app = createApp(App).use(store); app.mount("#app") }).catch(console.error);`, []string{"App"}},
		{"in an async IIFE", syntax.TypeScript, `import { createApp } from "vue"; import App from "./App.vue"; (async () => { await init(); createApp(App).mount("#app") })();`, []string{"App"}},
		{"in a promise callback in a function", syntax.TypeScript, `import { createApp } from "vue"; import Dialog from "./Dialog.vue"; export function open() { load().then(() => createApp(Dialog).mount("#d")) }`, nil},
		{"in a callback that may run again", syntax.TypeScript, `import { createApp } from "vue"; import App from "./App.vue"; onMessage((m) => createApp(App).mount(m.el));`, nil},
		{"a class, no target", syntax.TypeScript, `import Store from "./store"; const s = new Store({ mount: true });`, nil},
		{"a local component", syntax.TSX, `import { createRoot } from "react-dom/client"; function App() { return null } createRoot(el).render(<App />);`, nil},
		{"a component's own render", syntax.JavaScript, `import Child from "./Child.vue"; export default { render(h) { return h(Child) } };`, nil},
		{"a method named mount", syntax.TypeScript, `import Widget from "./widget"; const w = new Widget(); w.mount(Widget);`, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := extract(t, c.lang, c.src).Mounts; !reflect.DeepEqual(got, c.want) {
				t.Errorf("Mounts = %v, want %v", got, c.want)
			}
		})
	}
}

func mountedApp() mapFS {
	return mapFS{
		"/p/package.json":            `{"name":"p"}`,
		"/p/src/main.ts":             `import { createApp } from "vue"; import Forms from "./Forms.vue"; createApp(Forms).mount("#content");`,
		"/p/src/submit.ts":           `import { mount } from "svelte"; import Submit from "./views/Submit.svelte"; mount(Submit, { target: document.body });`,
		"/p/src/Forms.spec.ts":       `import { createApp } from "vue"; import List from "./components/List.vue"; createApp(List).mount(el);`,
		"/p/src/Forms.vue":           `<script setup>setInterval(poll, 1000)</script>`,
		"/p/src/components/List.vue": `<script setup>setInterval(poll, 1000)</script>`,
		"/p/src/views/Submit.svelte": `<script>setInterval(poll, 1000)</script>`,
		"/p/src/react/index.tsx":     `import { createRoot } from "react-dom/client"; import App from "./App"; createRoot(el).render(<App />);`,
		"/p/src/react/App.tsx":       `export default function App() { return <div /> }`,
		"/p/src/react/Other.tsx":     `export default function Other() { return <div /> }`,
	}
}

func TestMountedRoot(t *testing.T) {
	fs := mountedApp()
	p := NewProgram("/p", fs, nil)
	for file, want := range map[string][]string{
		"/p/src/Forms.vue":           {"default"},
		"/p/src/views/Submit.svelte": {"default"}, // mounted from the folder above
		"/p/src/components/List.vue": nil,         // mounted by a test only
		"/p/src/react/App.tsx":       {"default"},
		"/p/src/react/Other.tsx":     nil,
	} {
		if got := p.For(file).MountedRoot(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: MountedRoot() = %v, want %v", file, got, want)
		}
	}

	// The entry changes: it now mounts in a function another module calls.
	fs["/p/src/main.ts"] = `import { createApp } from "vue"; import Forms from "./Forms.vue"; export function start() { createApp(Forms).mount("#content") }`
	if p.For("/p/src/Forms.vue").MountedRoot() == nil {
		t.Error("the root changed before the program was told the entry changed")
	}
	p.Forget("/p/src/main.ts")
	if got := p.For("/p/src/Forms.vue").MountedRoot(); got != nil {
		t.Errorf("after the entry moved its mount into a function: MountedRoot() = %v, want nil", got)
	}

	// An entry that appears is found once its folder's answer is dropped.
	fs["/p/src/components/entry.js"] = `import Vue from "vue"; import List from "./List.vue"; new Vue({ render: h => h(List) }).$mount("#list");`
	p.Invalidate("/p/src/components/entry.js")
	if got := p.For("/p/src/components/List.vue").MountedRoot(); !reflect.DeepEqual(got, []string{"default"}) {
		t.Errorf("a new entry mounts List.vue: MountedRoot() = %v", got)
	}
}

// A cached result of a component must be dropped when an entry that may
// mount it changes; a module that cannot be a root does not depend on
// the entries.
func TestMountedRootInDigest(t *testing.T) {
	fs := mountedApp()
	p := NewProgram("/p", fs, nil)
	forms := []byte(fs["/p/src/Forms.vue"])
	before, deps := p.DigestDeps("/p/src/Forms.vue", forms)
	if !deps["/p/src/main.ts"] || !deps["/p/src/submit.ts"] {
		t.Errorf("deps %v: want the entries of the component's folder", deps)
	}
	if deps["/p/src/Forms.spec.ts"] {
		t.Error("a test is no entry, yet the digest depends on it")
	}
	plain := []byte(`export const x = 1;`)
	plainBefore, plainDeps := p.DigestDeps("/p/src/util.ts", plain)
	if plainDeps["/p/src/main.ts"] {
		t.Error("a module without a component depends on the entries")
	}

	fs["/p/src/main.ts"] = `import { createApp } from "vue"; import Forms from "./Forms.vue"; export function start() { createApp(Forms).mount("#content") }`
	p.Invalidate("/p/src/main.ts")
	if after := p.Digest("/p/src/Forms.vue", forms); after == before {
		t.Error("the entry changed but the component's digest did not")
	}
	if p.Digest("/p/src/util.ts", plain) != plainBefore {
		t.Error("a module without a component depends on the entries")
	}
}

// A file too large to be an entry is not read as one when its folder's
// entries are listed, however often an edit of it drops the list (the
// editor's case: each keystroke in a large component file); a small file
// is, and one that grows past the limit stops counting.
func TestEntryFolderSkipsLargeFiles(t *testing.T) {
	fs := mountedApp()
	big := "import { createRoot } from 'react-dom/client'; import App from './App';\n" +
		strings.Repeat("export const pad = 1;\n", maxEntryBytes/20) + "createRoot(document.body).render(App);\n"
	fs["/p/src/react/Big.tsx"] = big
	p := NewProgram("/p", fs, nil)
	for i := 0; i < 3; i++ {
		p.Forget("/p/src/react/Big.tsx")
		_, deps := p.DigestDeps("/p/src/react/App.tsx", []byte(fs["/p/src/react/App.tsx"]))
		if !deps["/p/src/react/index.tsx"] || deps["/p/src/react/Big.tsx"] {
			t.Fatalf("deps %v: want the small entry, not the file over %d bytes", deps, maxEntryBytes)
		}
		if _, scanned := p.known("/p/src/react/Big.tsx"); scanned {
			t.Fatal("the large file was scanned as an entry candidate")
		}
	}
}
