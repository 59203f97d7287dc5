package caches

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/fixgen"
)

// weakFix turns a Map or Set keyed by objects into a WeakMap or WeakSet.
// Callers have checked that nothing iterates or sizes it, which a weak
// collection cannot do; it is safe when the keys are certainly objects
// (a weak collection throws on a primitive key).
func weakFix(p *analyzer.Pass, c *collection, certain bool) (analyzer.Fix, bool) {
	v := scope.Unwrap(c.value)
	ctor := v.Get("constructor")
	if v.Kind() != "new_expression" || ctor.Kind() != "identifier" || v.Get("arguments").ChildCount() > 0 {
		return analyzer.Fix{}, false // initial entries may have primitive keys
	}
	weak := "Weak" + ctor.Text()
	b := fixgen.New(p)
	b.Replace(ctor, weak)
	for _, t := range c.types {
		t.Walk(func(n syntax.Node) bool {
			if n.Kind() == "type_arguments" {
				return false
			}
			if n.Kind() == "type_identifier" && n.Text() == ctor.Text() {
				b.Replace(n, weak)
			}
			return true
		})
	}
	title := fmt.Sprintf("Make `%s` a %s so entries go away with their keys", c.name, weak)
	return b.Fix(title, certain), true
}

// boundFix adds a size limit: a module-level constant and, before every
// addition, an eviction of the oldest entry (insertion order) once the
// limit is reached. Unsafe: entries that used to stay cached are dropped.
func boundFix(p *analyzer.Pass, c *collection, growing []addition) (analyzer.Fix, bool) {
	b := fixgen.New(p)
	name := fixgen.UniqueName(p, c.anchor, syntax.Node{}, "MAX_"+upperSnake(c.short)+"_ENTRIES")
	seen := map[int]bool{}
	for _, a := range growing {
		st := astutil.Statement(a.node)
		if !st.Valid() || astutil.EnclosingFunction(st).Index() != astutil.EnclosingFunction(a.node).Index() {
			return analyzer.Fix{}, false // `x => cache.set(k, x)`: no statement to put the check before
		}
		if seen[st.Index()] {
			continue
		}
		seen[st.Index()] = true
		r := a.recv.Text()
		oldest := r + ".keys().next().value"
		if p.Tree.Lang.IsTypeScript() {
			oldest += "!" // the iterator result may be undefined as far as the checker knows
		}
		var evict string
		switch a.method {
		case "set", "add":
			evict = fmt.Sprintf("if (%s.size >= %s) %s.delete(%s)", r, name, r, oldest)
		case "push":
			evict = fmt.Sprintf("if (%s.length >= %s) %s.shift()", r, name, r)
		case "unshift":
			evict = fmt.Sprintf("if (%s.length >= %s) %s.pop()", r, name, r)
		default:
			return analyzer.Fix{}, false
		}
		b.InsertBefore(st, evict)
	}
	b.Insert(fixgen.LeadingComment(c.anchor).Start(), fmt.Sprintf("const %s = 1000%s\n", name, b.Style.Semi))
	what := "entry"
	if c.kind == arrayKind {
		what = "element"
	}
	title := fmt.Sprintf("Cap `%s` at %s entries, dropping the oldest %s first", c.name, name, what)
	return b.Fix(title, false), true
}

// upperSnake turns userCache into USER_CACHE.
func upperSnake(name string) string {
	name = strings.TrimLeft(name, "#_$")
	var sb strings.Builder
	rs := []rune(name)
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1])) {
			sb.WriteByte('_')
		}
		sb.WriteRune(unicode.ToUpper(r))
	}
	if sb.Len() == 0 {
		return "CACHE"
	}
	return sb.String()
}
