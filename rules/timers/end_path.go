package timers

import (
	"fmt"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// An entity's interval outside any owner: a handler starts an interval per
// entity, keeps its id on the entity (data.timer = setInterval(...)) and
// files the entity in a long-lived collection (replyHash[data.uuid] =
// data). The file's end path for the entity is where it is deleted from
// that collection (delete replyHash[uuid], map.delete(id)); the interval
// must be cleared there, or it keeps running, and keeps the entity and
// its socket alive, after the entity is gone.

// checkEndPath reports such an interval when the file deletes entities
// from the collection but no function that does clears an interval.
func (v *notCleared) checkEndPath(call syntax.Node) {
	p := v.p
	use := astutil.UseOf(call)
	if use.Kind != "member" {
		return
	}
	holder := scope.Unwrap(use.Holder)
	if holder.Kind() != "member_expression" {
		return
	}
	entity := scope.Unwrap(holder.Get("object"))
	if entity.Kind() != "identifier" {
		return
	}
	fn := astutil.EnclosingFunction(call)
	coll := filedIn(p, fn, entity)
	if !coll.Valid() {
		return
	}
	key := collectionKey(p, coll)
	var ends []syntax.Node
	p.Tree.Root().Walk(func(n syntax.Node) bool {
		if deletesFrom(p, n, key) {
			if f := astutil.EnclosingFunction(n); f.Valid() {
				ends = append(ends, f)
			}
		}
		return true
	})
	if len(ends) == 0 {
		return // no end path: whether the collection grows is unbounded-cache's business
	}
	for _, f := range ends {
		if clearsTimer(f) {
			return
		}
	}
	prop := holder.Get("property").Text()
	d := analyzer.Diagnostic{Start: astutil.Callee(call).Start(), End: call.End(),
		Message: fmt.Sprintf("setInterval stored in %s keeps running after its entry is deleted from %s; clear the entry's %s where it is deleted",
			holder.Text(), coll.Text(), prop),
		Related: []analyzer.Related{{Start: ends[0].Start(), End: ends[0].Start(), Message: "the entry is deleted here without clearing its interval"}}}
	p.Report(d)
}

// filedIn returns the long-lived collection that fn stores entity in
// (coll[key] = entity, coll.set(key, entity)), or no node.
func filedIn(p *analyzer.Pass, fn, entity syntax.Node) syntax.Node {
	var coll syntax.Node
	if !fn.Valid() {
		return coll
	}
	same := func(n syntax.Node) bool {
		n = scope.Unwrap(n)
		return n.Kind() == "identifier" && p.Scope.Key(n) == p.Scope.Key(entity)
	}
	fn.Walk(func(n syntax.Node) bool {
		if coll.Valid() {
			return false
		}
		switch n.Kind() {
		case "assignment_expression":
			left := scope.Unwrap(n.Get("left"))
			if left.Kind() == "subscript_expression" && same(n.Get("right")) {
				coll = scope.Unwrap(left.Get("object"))
			}
		case "call_expression":
			if recv, name := astutil.Method(n); name == "set" && len(astutil.Args(n)) == 2 && same(astutil.Args(n)[1]) {
				coll = scope.Unwrap(recv)
			}
		}
		return true
	})
	if coll.Valid() && !p.Scope.LifetimeOf(coll).LongLived() {
		return syntax.Node{}
	}
	return coll
}

// collectionKey names a collection for comparison: its scope key, or its
// text when it has none.
func collectionKey(p *analyzer.Pass, coll syntax.Node) string {
	if k := p.Scope.Key(coll); k != "" {
		return k
	}
	return coll.Text()
}

// deletesFrom reports `delete coll[...]` or `coll.delete(...)`.
func deletesFrom(p *analyzer.Pass, n syntax.Node, key string) bool {
	switch n.Kind() {
	case "unary_expression":
		if n.Get("operator").Text() != "delete" {
			return false
		}
		arg := scope.Unwrap(n.Get("argument"))
		return arg.Kind() == "subscript_expression" && collectionKey(p, scope.Unwrap(arg.Get("object"))) == key
	case "call_expression":
		recv, name := astutil.Method(n)
		return name == "delete" && recv.Valid() && collectionKey(p, scope.Unwrap(recv)) == key
	}
	return false
}

// clearsTimer reports a clearInterval or clearTimeout call in fn.
func clearsTimer(fn syntax.Node) bool {
	found := false
	fn.Walk(func(n syntax.Node) bool {
		if !found && n.Kind() == "call_expression" {
			name := astutil.MethodName(n)
			if name == "" {
				name = scope.Unwrap(n.Get("function")).Text()
			}
			found = strings.HasPrefix(name, "clearInterval") || strings.HasPrefix(name, "clearTimeout")
		}
		return !found
	})
	return found
}
