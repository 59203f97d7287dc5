package astutil_test

import (
	"context"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

func parse(t *testing.T, lang syntax.Lang, src string) (*syntax.Tree, *scope.Info) {
	t.Helper()
	tree, err := syntax.Parse(context.Background(), lang, []byte(src), syntax.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return tree, scope.Build(tree)
}

// classNamed finds a class declaration or expression by the text after
// `class`.
func classNamed(tree *syntax.Tree, name string) syntax.Node {
	for i := 0; i < tree.Len(); i++ {
		n := tree.At(i)
		if n.Is("class_declaration", "class") && strings.HasPrefix(strings.TrimPrefix(n.Text(), "class "), name) {
			return n
		}
	}
	return syntax.Node{}
}

func TestSingletonInstance(t *testing.T) {
	src := `class Once { static make() { return Once.x; } }
export default new Once();
class Twice {}
const a = new Twice(), b = new Twice();
class Later {}
function create() { return new Later(); }
export class Public {}
const p = new Public();
class Looped {}
for (const x of [1, 2]) new Looped();
const anon = new (class Anon {})();
class PerHolder {}
export class Holder { part = new PerHolder(); }
class InStore {}
class Store { part = new InStore(); }
const store = new Store();
class InStatic {}
export class Registry { static part = new InStatic(); }
`
	tree, sc := parse(t, syntax.TypeScript, src)
	for name, want := range map[string]bool{"Once": true, "Twice": false, "Later": false, "Public": false, "Looped": false, "Anon": true,
		"PerHolder": false, "InStore": true, "InStatic": true} {
		class := classNamed(tree, name)
		if !class.Valid() {
			t.Fatalf("no class %s", name)
		}
		if got := astutil.SingletonInstance(sc, class).Valid(); got != want {
			t.Errorf("SingletonInstance(%s) = %v, want %v", name, got, want)
		}
	}
}

func TestInjectedSingleton(t *testing.T) {
	src := `import { Injectable } from "@angular/core";
import { Injectable as Provider, Scope } from "@nestjs/common";
@Injectable({ providedIn: "root" }) export class Root {}
@Injectable() export class Local {}
@Provider() export class Nest {}
@Provider({ scope: Scope.REQUEST }) export class PerRequest {}
`
	tree, _ := parse(t, syntax.TypeScript, src)
	for name, want := range map[string]bool{"Root": true, "Local": false, "Nest": true, "PerRequest": false} {
		if got := astutil.InjectedSingleton(classNamed(tree, name)); got != want {
			t.Errorf("InjectedSingleton(%s) = %v, want %v", name, got, want)
		}
	}
}

func TestDescribeFunction(t *testing.T) {
	src := `function load() {}
const save = () => {};
class Store { get() {} }
app.get("/x", (req, res) => {});
a.b().then(function () {});
const send = (o) => new Promise(async (resolve) => {});
new Promise((resolve) => {});
new Observer(() => {});
`
	tree, _ := parse(t, syntax.JavaScript, src)
	var got []string
	for i := 0; i < tree.Len(); i++ {
		if n := tree.At(i); n.IsNamed() && scope.IsFunction(n) {
			got = append(got, astutil.DescribeFunction(n))
		}
	}
	want := []string{"load()", "save()", "Store.get()", "the callback passed to app.get()", "the callback passed to .then()",
		"send()", "send()", "the callback passed to new Promise()", "the callback passed to new Observer()"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}
