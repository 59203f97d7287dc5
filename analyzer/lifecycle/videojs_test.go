package lifecycle_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// A registered video.js component outlives nothing it owns (its element,
// what it creates) but the player's objects outlive it, however it
// reaches them; a plain class knows no such objects.
func TestVideojsOutlives(t *testing.T) {
	src := `class Toggle extends MenuButton {
  constructor(player, options) {
    super(player, options);
    const tracks = options.tracks;
    const own = this.textTracks();
    const made = new TrackList();
    reg(player, tracks, own, this.player_, this.player().textTracks(), this.options_.tracks,
      this.el_, made, this.remoteTextTracks(), this.items_);
  }
}
Component.registerComponent("Toggle", Toggle);
`
	o, m, call := ownerAt(t, syntax.JavaScript, src, "reg", lifecycle.Config{})
	if o == nil || o.Follows().Name != "videojs-component" {
		t.Fatalf("owner %+v, want a videojs-component", o)
	}
	want := []bool{true, true, true, true, true, true, false, false, true, false}
	args := call.Get("arguments").Children()
	if len(args) != len(want) {
		t.Fatalf("%d arguments", len(args))
	}
	for i, a := range args {
		if got := m.Outlives(o, a); got != want[i] {
			t.Errorf("Outlives(%s) = %v, want %v", a.Text(), got, want[i])
		}
	}

	plain, pm, pcall := ownerAt(t, syntax.JavaScript, `class Toggle { constructor(player) { reg(player, this.player_); } dispose() {} }`, "reg", lifecycle.Config{})
	for _, a := range pcall.Get("arguments").Children() {
		if pm.Outlives(plain, a) {
			t.Errorf("a plain class: Outlives(%s)", a.Text())
		}
	}
}

// The handlers a component gives its own "dispose" event are teardowns; a
// handler of another event, or of the player's dispose, is a listener that
// ends nothing.
func TestVideojsEndEventHandlers(t *testing.T) {
	src := `class Tech2 extends Tech {
  setup() {
    reg();
    this.on("dispose", () => a());
    this.one("dispose", this.cleanup_);
    this.on("webkitbeginfullscreen", () => b());
    this.player_.on("dispose", () => c());
    this.on(this.player_, "dispose", () => d());
  }
  cleanup_() {}
}
Tech.registerTech("Tech2", Tech2);
`
	o, m, _ := ownerAt(t, syntax.JavaScript, src, "reg", lifecycle.Config{})
	if o == nil {
		t.Fatal("no owner")
	}
	tr := o.Node.Tree()
	cases := map[string][2]bool{ // {end, listener}
		"() => a()": {true, true}, "() => b()": {false, true}, "() => c()": {false, true}, "() => d()": {false, true},
	}
	seen := 0
	tr.Root().Walk(func(n syntax.Node) bool {
		if want, ok := cases[n.Text()]; ok && n.Kind() == "arrow_function" {
			seen++
			end, listener := m.EndEventHandler(o, n)
			if end != want[0] || listener != want[1] {
				t.Errorf("%s: end %v listener %v, want %v", n.Text(), end, listener, want)
			}
		}
		return true
	})
	if seen != len(cases) {
		t.Errorf("found %d of %d handlers", seen, len(cases))
	}
	found := false
	for _, td := range o.Teardowns {
		found = found || td.Kind() == "method_definition" && td.Get("name").Text() == "cleanup_"
	}
	if !found {
		t.Error("this.one(\"dispose\", this.cleanup_) does not make cleanup_ a teardown")
	}
}
