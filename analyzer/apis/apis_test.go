package apis

import (
	"slices"
	"strings"
	"testing"
)

// The built-in table is consistent: one meaning per adder in a family, no
// name that both registers and undoes, something that undoes every API.
func TestBuiltinTableConsistent(t *testing.T) {
	if _, err := New(builtin); err != nil {
		t.Fatal(err)
	}
	tbl := Builtin()
	for _, f := range []Family{Listener, Timer, Observer, Subscription, Resource} {
		if len(tbl.Select(Use{Family: f, Once: true})) == 0 {
			t.Errorf("no %s APIs", f)
		}
	}
	seen := map[Family]map[string]bool{}
	for _, a := range tbl.APIs() {
		if seen[a.Family] == nil {
			seen[a.Family] = map[string]bool{}
		}
		for _, n := range a.Adders {
			if seen[a.Family][n] {
				t.Errorf("%s adder %q twice", a.Family, n)
			}
			seen[a.Family][n] = true
			if got, ok := tbl.Adder(a.Family, n); !ok || got != a {
				t.Errorf("Adder(%s, %q) does not find its own entry", a.Family, n)
			}
		}
		if len(a.Undos) == 0 && !a.Returns.ReturnsDisposer() {
			t.Errorf("%s %v: nothing undoes it", a.Family, a.Adders)
		}
		for _, u := range a.Undos {
			if !slices.Contains(tbl.Undo(a.Family, u), a) {
				t.Errorf("%s undo %q is not indexed for %v", a.Family, u, a.Adders)
			}
			if _, adds := tbl.Adder(a.Family, u); adds {
				t.Errorf("%s name %q both registers and undoes", a.Family, u)
			}
		}
	}
}

// The facts rules rely on, spelled out.
func TestBuiltinFacts(t *testing.T) {
	tbl := Builtin()
	dom, _ := tbl.Adder(Listener, "addEventListener")
	if dom.Style != DOM || dom.Undos[0] != "removeEventListener" || dom.Args.Options != 2 || dom.Returns.ReturnsDisposer() {
		t.Errorf("addEventListener: %+v", dom)
	}
	on, _ := tbl.Adder(Listener, "on")
	if on.Style != Emitter || !on.EventMap || !on.Returns.Chains() || !on.Returns.ReturnsDisposer() || on.Undos[0] != "off" {
		t.Errorf("on: %+v", on)
	}
	if a, _ := tbl.Adder(Listener, "addListener"); a.Undos[0] != "removeListener" {
		t.Errorf("addListener is undone first by %q", a.Undos[0])
	}
	if a, _ := tbl.Adder(Listener, "once"); !a.Once {
		t.Error("once does not remove itself")
	}
	if a, _ := tbl.Adder(Listener, "listen"); a.Style != ReturnsUndo || a.Returns != Disposer || a.Args.Target != 0 || a.Args.Handler != 2 {
		t.Errorf("Renderer2.listen: %+v", a)
	}
	if a, _ := tbl.Adder(Listener, "addAbortListener"); a.Returns != Disposer {
		t.Errorf("addAbortListener: %+v", a)
	}
	if a, _ := tbl.Adder(Timer, "setInterval"); !a.Repeats || a.Undos[0] != "clearInterval" || a.IDArg != 0 {
		t.Errorf("setInterval: %+v", a)
	}
	if a, _ := tbl.Adder(Observer, "ResizeObserver"); !a.ElementTargets || !slices.Contains(a.Undos, "unobserve") {
		t.Errorf("ResizeObserver: %+v", a)
	}
	if a, _ := tbl.Adder(Observer, "PerformanceObserver"); a.ElementTargets {
		t.Error("PerformanceObserver observes options, not elements")
	}
	if got := tbl.Undo(Listener, "off"); len(got) < 2 {
		t.Errorf("off undoes %d listener APIs, want on, addListener and once", len(got))
	}
}

func TestNeedlesAreDerived(t *testing.T) {
	tbl := Builtin()
	listeners := Use{Family: Listener, Styles: []Style{DOM, Emitter, VueBus}}
	got := tbl.Needles(listeners)
	for _, want := range []string{"addEventListener", ".on(", "addListener", "prependListener", ".$on("} {
		if !slices.Contains(got, want) {
			t.Errorf("listener needles %q lack %q", got, want)
		}
	}
	for _, not := range []string{".once(", "listen", "on"} {
		if slices.Contains(got, not) {
			t.Errorf("listener needles %q include %q, which the selection leaves out", got, not)
		}
	}
	undos := tbl.Needles(Use{Family: Listener, Styles: listeners.Styles, Undos: true})
	if !slices.Equal(undos, []string{"removeEventListener", ".off(", "removeListener", ".$off("}) {
		t.Errorf("removal needles %q", undos)
	}
	// A wrapper's module name is a needle too: `import raf from "raf"`
	// never writes requestAnimationFrame.
	if got := tbl.Needles(Use{Family: Timer}); !slices.Equal(got, []string{"setInterval", "setTimeout", "requestAnimationFrame",
		"@rc-component/util/es/raf", "@rc-component/util/lib/raf", "raf", "rc-util/es/raf", "rc-util/lib/raf"}) {
		t.Errorf("timer needles %q", got)
	}
	// A function-or-method resource name is looked for bare: open(path)
	// has no dot.
	if got := tbl.Needles(Use{Family: Resource}); !slices.Contains(got, "open") || !slices.Contains(got, "WebSocket") {
		t.Errorf("resource needles %q", got)
	}
	if Needle(Method, "subscribe") != "subscribe" || Needle(Method, "once") != ".once(" || Needle(Function, "open") != "open" {
		t.Error("Needle forms")
	}
	if !Covered(".$on(", []string{"$on"}) || Covered("setTimeout", []string{"setInterval"}) {
		t.Error("Covered")
	}
}

func TestNewRejectsInconsistentTables(t *testing.T) {
	ok := API{Family: Timer, Style: Scheduled, Form: Function, Adders: []string{"setInterval"}, Undos: []string{"clearInterval"},
		Args: Args{Target: None, Event: None, Handler: 0, Options: None}, IDArg: 0, Returns: ID}
	twice := ok
	twice.Undos = []string{"clearTimeout"}
	undoAdds := ok
	undoAdds.Adders, undoAdds.Undos = []string{"clearInterval"}, []string{"x"}
	noUndo := ok
	noUndo.Adders, noUndo.Undos = []string{"setImmediate"}, nil
	samePos := ok
	samePos.Adders, samePos.Args.Event = []string{"setTimeout"}, 0
	badName := ok
	badName.Adders = []string{"set Interval"}
	for _, c := range []struct {
		list []API
		want string
	}{
		{[]API{ok, twice}, `adder "setInterval" is listed twice`},
		{[]API{ok, undoAdds}, `"clearInterval" both registers`},
		{[]API{noUndo}, "nothing could undo it"},
		{[]API{samePos}, "are both argument 0"},
		{[]API{badName}, "is not a name"},
		{[]API{{Family: 9, Adders: []string{"x"}}}, "unknown family"},
	} {
		_, err := New(c.list)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("New(%v): error %v, want one containing %q", c.list[len(c.list)-1].Adders, err, c.want)
		}
	}
	if _, err := New([]API{ok}); err != nil {
		t.Errorf("valid table rejected: %v", err)
	}
}

func TestExtendAddsConfiguredPairs(t *testing.T) {
	base := Builtin()
	tbl, err := base.Extend(map[string]string{"listen": "unlisten", "bind": "unbind"})
	if err != nil {
		t.Fatal(err)
	}
	for add, undo := range map[string]string{"listen": "unlisten", "bind": "unbind"} {
		a, ok := tbl.Adder(Listener, add)
		if !ok || !a.Configured || a.Style != Emitter || !slices.Equal(a.Undos, []string{undo}) {
			t.Errorf("%s: %+v", add, a)
		}
		if got := tbl.Undo(Listener, undo); len(got) != 1 || got[0] != a {
			t.Errorf("%s is not the undo of %s: %v", undo, add, got)
		}
	}
	// The built-ins stay, and the built-in table is not changed.
	if _, ok := tbl.Adder(Listener, "addEventListener"); !ok {
		t.Error("extending dropped addEventListener")
	}
	if a, _ := base.Adder(Listener, "listen"); a.Configured || a.Style != ReturnsUndo {
		t.Errorf("Extend changed the built-in table: %+v", a)
	}
	if same, err := base.Extend(nil); err != nil || same != base {
		t.Errorf("Extend(nil) = %p, %v; want the table itself", same, err)
	}
	for pairs, want := range map[string]map[string]string{
		"cannot undo itself":            {"watch": "watch"},
		"is a built-in emitter":         {"watch": "on"},
		"is a built-in listener undo":   {"off": "on2"},
		"is not a pair of method names": {"": "x"},
		"is both an adder and the undo": {"a": "b", "b": "c"},
	} {
		if _, err := base.Extend(want); err == nil || !strings.Contains(err.Error(), pairs) {
			t.Errorf("Extend(%v): error %v, want one containing %q", want, err, pairs)
		}
	}
}

// TestEventHelperModules checks which modules are event helpers and in
// which order their functions take the target and the event.
func TestEventHelperModules(t *testing.T) {
	for _, c := range []struct {
		module        string
		ok            bool
		target, event int
	}{
		{"evtd", true, 1, 0},
		{"dom-helpers/events", true, 0, 1},
		{"./utils/events.js", true, 0, 1},
		{"events", false, 0, 0},       // Node's: on() makes an async iterator
		{"evtd-extra", false, 0, 0},   // another package
		{"./events-bus", false, 0, 0}, // a bus module, not DOM helpers
	} {
		h, ok := EventHelperModule(c.module)
		if ok != c.ok || ok && (h.Args.Target != c.target || h.Args.Event != c.event) {
			t.Errorf("%s: %v %+v, want %v target %d event %d", c.module, ok, h.Args, c.ok, c.target, c.event)
		}
		if ok && (!h.Names("on", true) || !h.Names("off", false) || h.Names("off", true)) {
			t.Errorf("%s: adders %v undos %v", c.module, h.Adders, h.Undos)
		}
	}
	if h, ok := DOMWrapper("addEventListener", true); !ok || h.Args.Target != 0 || h.Args.Event != 1 || h.Args.Options != 3 {
		t.Errorf("DOMWrapper(addEventListener): %v %+v, want the target first", ok, h.Args)
	}
	if _, ok := DOMWrapper("removeEventListener", true); ok {
		t.Error("DOMWrapper reads removeEventListener as an adder")
	}
	if _, ok := DOMWrapper("on", true); ok {
		t.Error("DOMWrapper reads on() as the wrapper's")
	}
	if !EventHelperName("addEventListener") || !EventHelperName("removeEventListener") {
		t.Error("EventHelperName does not hold the wrapper's names")
	}
	if !EventHelperName("on") || !EventHelperName("off") || EventHelperName("emit") {
		t.Error("EventHelperName does not hold the helpers' adder and undo names alone")
	}
	for _, n := range EventHelperNeedles() {
		if n == "" {
			t.Error("an event helper module without a needle")
		}
	}
}
