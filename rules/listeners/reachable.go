package listeners

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// A removal that never runs strands nothing: a mismatch is a leak only
// when the removal is meant to run (and then fails to remove). Code that
// nothing calls, a removeListeners(el) method written and never used, only
// tells that the listener is not removed, which is listener-not-removed's
// question, decided there from the owner and the target's lifetime.
//
// A function runs when the file can reach it: it is anonymous (passed,
// returned or called where it is written), a framework calls it (a
// lifecycle or teardown method of a convention, a method of a class with a
// base, whose base may call it), the module exports it, or the file names
// it anywhere besides its declaration (a call, this.m.bind(this), a
// reference passed on or listed in an object). A method of a class that
// another file calls without this file naming it is beyond what one file
// tells (the facts record no member calls), so such a removal is taken as
// never running.

// removalCanRun reports whether the function holding removal n, and every
// function around it, can run.
func removalCanRun(p *analyzer.Pass, n syntax.Node) bool {
	if analyzer.IsComponentFile(p.Path) {
		return true // the component's markup calls what its script may never name
	}
	for fn := astutil.EnclosingFunction(n); fn.Valid(); fn = astutil.EnclosingFunction(fn) {
		name, ok := runsOnlyWhenNamed(p, fn)
		if ok && namesInFile(p)[name] <= 1 {
			return false
		}
	}
	return true
}

// runsOnlyWhenNamed returns the name of a function that runs only if the
// file names it: a method or field function of a class without a base, or
// a function declared with a name and not exported where it is declared.
func runsOnlyWhenNamed(p *analyzer.Pass, fn syntax.Node) (string, bool) {
	par := fn.Parent()
	switch {
	case fn.Kind() == "method_definition" && par.Kind() == "class_body":
		return classMemberName(p, par.Parent(), fn.Get("name"))
	case (fn.Kind() == "arrow_function" || fn.Kind() == "function_expression" || fn.Kind() == "function") &&
		(par.Kind() == "public_field_definition" || par.Kind() == "field_definition") && par.Parent().Kind() == "class_body":
		return classMemberName(p, par.Parent().Parent(), par.Get("name"))
	case fn.Kind() == "function_declaration" || fn.Kind() == "generator_function_declaration":
		if par.Kind() == "export_statement" {
			return "", false
		}
		return fn.Get("name").Text(), fn.Get("name").Valid()
	case (fn.Kind() == "arrow_function" || fn.Kind() == "function_expression" || fn.Kind() == "function") && par.Kind() == "variable_declarator":
		id := par.Get("name")
		if id.Kind() != "identifier" || par.Parent().Parent().Kind() == "export_statement" {
			return "", false
		}
		return id.Text(), true
	}
	return "", false // anonymous, or a member of an object literal a framework may call by name
}

// classMemberName returns the name of a class member that runs only when
// named: not the constructor, not a method a framework or the platform
// calls by convention, not in a class with a base or decorators.
func classMemberName(p *analyzer.Pass, class, name syntax.Node) (string, bool) {
	if name.Kind() != "property_identifier" && name.Kind() != "private_property_identifier" {
		return "", false // computed ([Symbol.dispose]) or quoted
	}
	n := name.Text()
	if n == "constructor" || implicitlyCalled[n] || p.Life.IsTeardownName(n) || conventionMethod(n) {
		return "", false
	}
	if lifecycle.ClassBase(class) != "" || decorated(class) {
		return "", false
	}
	return n, true
}

// implicitlyCalled are methods the platform calls without the code naming
// them: an EventListener object's handleEvent, conversions, iteration and
// thenables.
var implicitlyCalled = map[string]bool{
	"handleEvent": true, "toString": true, "toJSON": true, "valueOf": true,
	"then": true, "next": true, "return": true, "throw": true,
}

// conventionMethod reports a setup or teardown method of some convention
// (connectedCallback, ngOnDestroy, componentWillUnmount): its framework
// calls it.
func conventionMethod(name string) bool {
	for _, c := range lifecycle.Conventions {
		for _, m := range c.SetupMethods {
			if m == name {
				return true
			}
		}
		for _, m := range c.TeardownMethods {
			if m == name {
				return true
			}
		}
	}
	return false
}

// decorated reports a class, or a member of it, with decorators: a
// framework reaches those members by metadata (@HostListener, @action),
// or from a template in another file (an Angular @Component's
// (click)="unhook()"). A decorator written before `export class` belongs
// to the export statement.
func decorated(class syntax.Node) bool {
	if par := class.Parent(); par.Kind() == "export_statement" {
		for _, c := range par.Children() {
			if c.Kind() == "decorator" {
				return true
			}
		}
	}
	found := false
	class.Walk(func(n syntax.Node) bool {
		if n.Kind() == "decorator" {
			found = true
		}
		return !found && n.Kind() != "statement_block"
	})
	return found
}

type namesKey struct{}

// nameKinds are the nodes that spell a name namesInFile counts.
var nameKinds = syntax.NewKinds("identifier", "property_identifier", "private_property_identifier",
	"shorthand_property_identifier", "shorthand_property_identifier_pattern", "string_fragment")

// namesInFile counts the file's mentions of each name: identifiers,
// property names and string contents (this["removeListeners"]).
func namesInFile(p *analyzer.Pass) map[string]int {
	return p.Memo(namesKey{}, func() any {
		names := map[string]int{}
		for n := range p.Tree.Root().Of(nameKinds) {
			names[n.Text()]++
		}
		return names
	}).(map[string]int)
}
