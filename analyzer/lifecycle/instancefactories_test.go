package lifecycle_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// A factory that returns an object literal it built, naming one of its own
// functions under a teardown name, is the owner of what its body and inner
// functions register; the teardown is that function.
func TestInstanceFactoryOwners(t *testing.T) {
	owners := []struct{ name, src, teardown string }{
		{"const instance, shorthand", `function createTip(el) {
  function show() { reg(); }
  function destroy() {}
  const instance = { show, destroy };
  return instance;
}`, "destroy"},
		{"literal returned in place, method", `export default function makeSlider(el) {
  reg();
  return { dispose() {} };
}`, "dispose"},
		{"arrow factory, arrow property", `const createEditor = (el) => {
  const api = { mount() { reg(); }, teardown: () => {} };
  return api;
};`, "teardown"},
		{"guard returning null first", `function createTippy(ref) {
  if (ref._tippy) return null;
  function destroy() {}
  const instance = { destroy };
  reg();
  return instance;
}`, "destroy"},
		{"pair naming a local function", `function createMenu(el) {
  const close = () => {};
  reg();
  return { close: close };
}`, "close"},
	}
	for _, c := range owners {
		o, m, call := ownerAt(t, syntax.JavaScript, c.src, "reg", lifecycle.Config{})
		if o == nil || o.Follows().Name != "instance-factory" || o.TeardownName != c.teardown || len(o.Teardowns) != 1 {
			t.Errorf("%s: owner %+v, want an instance-factory torn down by %s", c.name, o, c.teardown)
			continue
		}
		if m.InTeardown(call) {
			t.Errorf("%s: the registration is inside the teardown", c.name)
		}
	}

	notOwners := []struct{ name, src string }{
		{"returns a disposer function", `function listen(el) { reg(); return () => off(); }`},
		{"teardown not a function of the factory", `function wrap(el) { reg(); return { destroy: el.destroy }; }`},
		{"teardown declared outside", `function destroy() {}
function wrap(el) { reg(); return { destroy }; }`},
		{"object not built in the factory", `const shared = { destroy() {} };
function wrap(el) { reg(); return shared; }`},
		{"another return", `function wrap(el) { if (!el) return el.tip; reg(); return { destroy() {} }; }`},
		{"no instance returned", `function wrap(el) { reg(); if (!el) return null; }`},
		{"reassigned holder", `function wrap(el) { let o = { destroy() {} }; reg(); o = other(); return o; }`},
		{"no teardown name", `function wrap(el) { reg(); return { show() {}, hide() {} }; }`},
		{"react hook", `function useTooltip(el) { reg(); return { destroy() {} }; }`},
		{"callback written in place", `items.map(function (el) { reg(); return { destroy() {} }; });`},
	}
	for _, c := range notOwners {
		if o, _, _ := ownerAt(t, syntax.JavaScript, c.src, "reg", lifecycle.Config{}); o != nil {
			t.Errorf("%s: owner %s (%s), want none", c.name, o.Name, o.Follows().Name)
		}
	}
}

// The teardown's own code undoes: a registration written in it has no owner.
func TestInstanceFactoryTeardownIsNoSetup(t *testing.T) {
	src := `function createTip(el) {
  function destroy() { reg(); }
  return { destroy };
}`
	if o, _, _ := ownerAt(t, syntax.JavaScript, src, "reg", lifecycle.Config{}); o != nil {
		t.Errorf("owner %s inside its own teardown", o.Name)
	}
}
