package lsp

import (
	"os"
	"path/filepath"
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
