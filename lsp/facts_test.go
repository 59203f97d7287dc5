package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/rules"
)

const factsBase = `export class View {
  render(): void {}
}
`

const factsWidget = `import { View } from "./view";

export class Widget extends View {
  constructor() {
    super();
    window.addEventListener("resize", this.onResize);
  }

  onResize = () => {};
}
`

// Editing a base class in one open document changes the diagnostics of
// an open subclass in another, from the buffer's text alone: nothing is
// written to disk.
func TestFactsFollowOpenBaseClass(t *testing.T) {
	dir := t.TempDir()
	basePath, widgetPath := filepath.Join(dir, "view.ts"), filepath.Join(dir, "widget.ts")
	for p, text := range map[string]string{basePath: factsBase, widgetPath: factsWidget} {
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := start(t, config{engine: rules.NewEngine(), folders: []string{dir}})
	baseURI, widgetURI := "file://"+basePath, "file://"+widgetPath

	c.open(widgetURI, "typescript", factsWidget, 1)
	p, next := c.waitPublish(0, widgetURI, nil)
	if len(p.Diagnostics) != 0 {
		t.Fatalf("a class with no teardown, inherited or its own, is no owner; got %+v", p.Diagnostics)
	}
	c.open(baseURI, "typescript", factsBase, 1)
	_, next = c.waitPublish(next, baseURI, nil)

	// The base class gets a dispose(): every Widget now ends, and its
	// listener outlives it.
	edited := `export class View {
  render(): void {}

  dispose(): void {}
}
`
	c.changeFull(baseURI, 2, edited)
	p, next = c.waitPublish(next, widgetURI, func(p tPublish) bool { return len(p.Diagnostics) > 0 })
	if d := p.Diagnostics[0]; d.Code != "listener-not-removed" || d.Range.Start.Line != 5 {
		t.Errorf("after the edit: %+v", p.Diagnostics)
	}
	if disk, err := os.ReadFile(basePath); err != nil || string(disk) != factsBase {
		t.Fatalf("the base class on disk changed: %q %v", disk, err)
	}

	// Undoing the edit clears the finding again.
	c.changeFull(baseURI, 3, factsBase)
	_, next = c.waitPublish(next, widgetURI, func(p tPublish) bool { return len(p.Diagnostics) == 0 })

	// Edited again and closed unsaved: the disk's text counts again.
	c.changeFull(baseURI, 4, edited)
	_, next = c.waitPublish(next, widgetURI, func(p tPublish) bool { return len(p.Diagnostics) > 0 })
	c.notifyServer("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": baseURI}})
	c.waitPublish(next, widgetURI, func(p tPublish) bool { return len(p.Diagnostics) == 0 })
}

// A class with a teardown and a listener it never removes, and the same
// class without the listener: editing between them changes the published
// diagnostics every time.
const (
	factsPanelLeaky = `export class Panel {
  constructor() {
    window.addEventListener("resize", this.onResize);
  }
  onResize = () => {};
  dispose(): void {}
}
`
	factsPanelClean = `export class Panel {
  onResize = () => {};
  dispose(): void {}
}
`
)

// Editing a document no other open document imports computes no facts for
// it; editing one that another open document imports does.
func TestFactsComputedOnlyForImportedDocuments(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"view.ts": factsBase, "widget.ts": factsWidget, "panel.ts": factsPanelClean}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var srv *server
	c := start(t, config{engine: rules.NewEngine(), folders: []string{dir}, onServer: func(s *server) { srv = s }})
	uriOf := func(name string) string { return "file://" + filepath.Join(dir, name) }

	c.open(uriOf("panel.ts"), "typescript", factsPanelClean, 1)
	_, next := c.waitPublish(0, uriOf("panel.ts"), nil)
	for v := 2; v < 6; v++ {
		text, leaky := factsPanelClean, false
		if v%2 == 0 {
			text, leaky = factsPanelLeaky, true
		}
		c.changeFull(uriOf("panel.ts"), v, text)
		_, next = c.waitPublish(next, uriOf("panel.ts"), func(p tPublish) bool { return (len(p.Diagnostics) > 0) == leaky })
	}
	if n := srv.facts.computed.Load(); n != 0 {
		t.Fatalf("edits of a document nobody imports computed its facts %d times", n)
	}

	c.open(uriOf("widget.ts"), "typescript", factsWidget, 1)
	_, next = c.waitPublish(next, uriOf("widget.ts"), nil)
	c.open(uriOf("view.ts"), "typescript", factsBase, 1)
	_, next = c.waitPublish(next, uriOf("view.ts"), nil)
	c.changeFull(uriOf("view.ts"), 2, strings.Replace(factsBase, "render", "dispose", 1))
	c.waitPublish(next, uriOf("widget.ts"), func(p tPublish) bool { return len(p.Diagnostics) > 0 })
	if n := srv.facts.computed.Load(); n == 0 {
		t.Fatal("the facts of an imported base class were not computed on its edit")
	}
}

// A base class edited while no subclass is open (its facts are then not
// kept) still updates a subclass opened later, on its next edit.
func TestFactsFollowBaseEditedBeforeSubclassOpened(t *testing.T) {
	dir := t.TempDir()
	basePath, widgetPath := filepath.Join(dir, "view.ts"), filepath.Join(dir, "widget.ts")
	for p, text := range map[string]string{basePath: factsBase, widgetPath: factsWidget} {
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := start(t, config{engine: rules.NewEngine(), folders: []string{dir}})
	baseURI, widgetURI := "file://"+basePath, "file://"+widgetPath
	withDispose := strings.Replace(factsBase, "render", "dispose", 1)

	c.open(baseURI, "typescript", factsBase, 1)
	_, next := c.waitPublish(0, baseURI, nil)
	c.changeFull(baseURI, 2, withDispose)
	c.changeFull(baseURI, 3, factsBase+"\n")
	c.changeFull(baseURI, 4, withDispose)

	// The subclass reads the unsaved buffer.
	c.open(widgetURI, "typescript", factsWidget, 1)
	_, next = c.waitPublish(next, widgetURI, func(p tPublish) bool { return len(p.Diagnostics) > 0 })
	c.changeFull(baseURI, 5, factsBase)
	_, next = c.waitPublish(next, widgetURI, func(p tPublish) bool { return len(p.Diagnostics) == 0 })
	c.changeFull(baseURI, 6, withDispose)
	c.waitPublish(next, widgetURI, func(p tPublish) bool { return len(p.Diagnostics) > 0 })
}

// An Angular component the root template renders under *ngIf is reported;
// when the template on disk starts rendering it unconditionally (it is in
// the application's shell now), the file watcher's event clears it.
func TestFactsFollowAngularShellTemplate(t *testing.T) {
	dir := t.TempDir()
	app := filepath.Join(dir, "src", "app")
	header := `import { Component, OnInit } from "@angular/core";
import { Router } from "@angular/router";

@Component({ selector: "app-header", template: "<nav></nav>" })
export class HeaderComponent implements OnInit {
  constructor(private router: Router) {}

  ngOnInit(): void {
    this.router.events.subscribe(() => undefined);
  }
}
`
	files := map[string]string{
		filepath.Join(dir, "package.json"):        `{"name":"shell"}`,
		filepath.Join(app, "app.component.ts"):    `@Component({ selector: "app-root", templateUrl: "./app.component.html" }) export class AppComponent {}`,
		filepath.Join(app, "app.component.html"):  `<app-header *ngIf="signedIn"></app-header><router-outlet></router-outlet>`,
		filepath.Join(app, "header.component.ts"): header,
	}
	for p, text := range files {
		write(t, p, text)
	}
	c := start(t, config{engine: rules.NewEngine(), folders: []string{dir}})
	headerURI := "file://" + filepath.Join(app, "header.component.ts")
	c.open(headerURI, "typescript", header, 1)
	p, next := c.waitPublish(0, headerURI, func(p tPublish) bool { return len(p.Diagnostics) > 0 })
	if d := p.Diagnostics[0]; d.Code != "subscription-not-disposed" {
		t.Fatalf("a header rendered under *ngIf: %+v", p.Diagnostics)
	}

	tpl := filepath.Join(app, "app.component.html")
	if err := os.WriteFile(tpl, []byte(`<app-header></app-header><router-outlet></router-outlet>`), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notifyServer("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": "file://" + tpl, "type": 2}}})
	c.waitPublish(next, headerURI, func(p tPublish) bool { return len(p.Diagnostics) == 0 })
}

// A Vue component is reported until the entry on disk mounts it once at
// its top level (it is the application's root then); an edit of the
// entry's open buffer that moves the mount into a function (which may run
// more than once) makes it a component like any other again. The entry's
// other facts are the same in both versions: only what it mounts changes.
func TestFactsFollowMountingEntry(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	forms := `<template><main></main></template>

<script setup lang="ts">
import { onMounted } from "vue";

onMounted(() => {
  setInterval(() => fetch("/forms"), 30000);
});
</script>
`
	inFunction := `import { createApp } from "vue";
import Forms from "./Forms.vue";

export function show(el: HTMLElement) {
  createApp(Forms).mount(el);
}
`
	topLevel := `import { createApp } from "vue";
import Forms from "./Forms.vue";

createApp(Forms).mount("#content");
`
	files := map[string]string{
		filepath.Join(dir, "package.json"): `{"name":"forms"}`,
		filepath.Join(src, "main.ts"):      inFunction,
		filepath.Join(src, "Forms.vue"):    forms,
	}
	for p, text := range files {
		write(t, p, text)
	}
	c := start(t, config{engine: rules.NewEngine(), folders: []string{dir}})
	formsURI := "file://" + filepath.Join(src, "Forms.vue")
	c.open(formsURI, "vue", forms, 1)
	p, next := c.waitPublish(0, formsURI, func(p tPublish) bool { return len(p.Diagnostics) > 0 })
	if d := p.Diagnostics[0]; d.Code != "timer-not-cleared" {
		t.Fatalf("a component mounted in a function: %+v", p.Diagnostics)
	}

	entry := filepath.Join(src, "main.ts")
	if err := os.WriteFile(entry, []byte(topLevel), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notifyServer("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": "file://" + entry, "type": 2}}})
	_, next = c.waitPublish(next, formsURI, func(p tPublish) bool { return len(p.Diagnostics) == 0 })

	entryURI := "file://" + entry
	c.open(entryURI, "typescript", topLevel, 1)
	_, next = c.waitPublish(next, entryURI, func(tPublish) bool { return true })
	c.changeFull(entryURI, 2, inFunction)
	c.waitPublish(next, formsURI, func(p tPublish) bool { return len(p.Diagnostics) > 0 })
}
