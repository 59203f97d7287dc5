package analysis

import (
	"fmt"
	"strings"

	"github.com/leakwatch/leakwatch/heap/snapshot"
)

// Group kinds.
const (
	KindObject   = "object"   // instances of one constructor
	KindClosure  = "closure"  // functions created at one source position
	KindDetached = "detached" // DOM nodes no longer in a document
	KindOther    = "other"    // strings, arrays, numbers: counted, not reported alone
)

// Site is a source position from the snapshot: 1-based line and column.
type Site struct {
	Script string `json:"script"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// Known reports whether the site names a script.
func (s Site) Known() bool { return s.Script != "" && s.Line > 0 }

// internal reports a script of Node or the browser itself, not the
// program's.
func (s Site) internal() bool {
	return strings.HasPrefix(s.Script, "node:") || strings.HasPrefix(s.Script, "internal/") || strings.HasPrefix(s.Script, "script#")
}

func (s Site) String() string {
	if !s.Known() {
		return ""
	}
	return fmt.Sprintf("%s:%d:%d", s.Script, s.Line, s.Column)
}

// groupKey identifies a leak group: the same key in two snapshots of one
// process is the same kind of thing.
type groupKey struct {
	kind, name string
	site       Site
}

// classifier assigns nodes to groups, with the per-snapshot tables that
// needs (closure locations, script names).
type classifier struct {
	s       *snapshot.Snapshot
	loc     map[uint32]snapshot.Location
	scripts map[uint32]string
}

func newClassifier(s *snapshot.Snapshot) *classifier {
	c := &classifier{s: s, loc: make(map[uint32]snapshot.Location, len(s.Locations)), scripts: s.ScriptNames()}
	for _, l := range s.Locations {
		c.loc[l.Node] = l
	}
	return c
}

// site returns where node i (a closure) was defined.
func (c *classifier) site(i uint32) Site {
	l, ok := c.loc[i]
	if !ok {
		return Site{}
	}
	name := c.scripts[l.ScriptID]
	if name == "" {
		name = fmt.Sprintf("script#%d", l.ScriptID)
	}
	return Site{Script: name, Line: int(l.Line) + 1, Column: int(l.Column) + 1}
}

// key returns node i's group; ok is false for nodes that are V8's own
// (code, maps, contexts, hidden arrays) and never a leak group themselves.
func (c *classifier) key(i uint32) (groupKey, bool) {
	s := c.s
	t := int(s.NodeType[i])
	name := s.Name(int(i))
	detached := s.Detachedness != nil && s.Detachedness[i] == 2
	switch {
	case detached || (t == s.TypeNative || t == s.TypeObject) && strings.HasPrefix(name, "Detached "):
		return groupKey{kind: KindDetached, name: strings.TrimPrefix(name, "Detached ")}, true
	case t == s.TypeClosure:
		if name == "" {
			name = "(anonymous)"
		}
		return groupKey{kind: KindClosure, name: name, site: c.site(i)}, true
	case t == s.TypeObject || t == s.TypeRegexp:
		if strings.HasPrefix(name, "system / ") || name == "" {
			return groupKey{}, false
		}
		// Chromium names objects "Foo" but global objects by URL, "Window / url".
		if k := strings.Index(name, " / "); k > 0 {
			name = name[:k]
		}
		return groupKey{kind: KindObject, name: name}, true
	case t == s.TypeString || t == s.TypeConsString || t == s.TypeSlicedString:
		return groupKey{kind: KindOther, name: "(string)"}, true
	case t == s.TypeNumber || t == s.TypeBigint:
		return groupKey{kind: KindOther, name: "(number)"}, true
	}
	return groupKey{}, false
}
