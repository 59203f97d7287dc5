// Package report is the heap report: the JSON document `leakwatch heap`
// writes (and the language server reads from .leakwatch/heap.json), its
// text and HTML renderings, and the rule that ties a leak group to a
// static finding.
package report

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/leakwatch/leakwatch/heap/analysis"
)

// Version is the document's format version.
const Version = 1

// Document is a heap report.
type Document struct {
	Version int    `json:"version"`
	Method  string `json:"method,omitempty"`
	// Load says what ran between snapshots, for messages such as
	// "retained 12.4 MB after 200 runs of `curl ...`".
	Load       string                  `json:"load,omitempty"`
	Iterations int                     `json:"iterations,omitempty"`
	SourceRoot string                  `json:"sourceRoot,omitempty"`
	Snapshots  []analysis.SnapshotInfo `json:"snapshots,omitempty"`
	Groups     []Group                 `json:"groups"`
	// Findings are the static findings at the groups' sites.
	Findings []Finding `json:"findings,omitempty"`
	// Samples and Growth come from `heap watch`.
	Samples []Sample `json:"samples,omitempty"`
	Growth  *Growth  `json:"growth,omitempty"`
	Skipped []string `json:"skipped,omitempty"`
}

// Group is a leak group with its place in the source tree.
type Group struct {
	analysis.Group
	// File is the site's script relative to the source root (slash
	// separated), or the script itself when it is outside the root.
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	// Findings indexes Document.Findings: static findings confirmed by
	// this group.
	Findings []int `json:"findings,omitempty"`
}

// Finding is a static finding tied to runtime evidence.
type Finding struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
	// Groups indexes Document.Groups: the runtime evidence.
	Groups []int `json:"groups"`
}

// Sample is one memory reading of `heap watch`.
type Sample struct {
	Seconds   float64 `json:"t"`
	HeapUsed  uint64  `json:"heapUsed"`
	HeapTotal uint64  `json:"heapTotal"`
	RSS       uint64  `json:"rss,omitempty"`
	// External is what JavaScript objects hold outside the heap (Buffers).
	External uint64 `json:"external,omitempty"`
}

// Kept is what the program keeps after GC: the heap and the memory its
// objects hold outside it (a leak of Buffers hardly shows in the heap).
func (s Sample) Kept() uint64 { return s.HeapUsed + s.External }

// Growth is the verdict of `heap watch` on the samples.
type Growth struct {
	Sustained bool `json:"sustained"`
	// BytesPerMinute is the heap's trend after garbage collection.
	BytesPerMinute float64 `json:"bytesPerMinute"`
	Reason         string  `json:"reason"`
}

// New builds a document from an analysis, placing sites in sourceRoot
// ("" leaves them as the scripts name them).
func New(rep *analysis.Report, sourceRoot string) *Document {
	// Absolute, so that the language server finds the files wherever the
	// command ran.
	if sourceRoot != "" {
		if abs, err := filepath.Abs(sourceRoot); err == nil {
			sourceRoot = abs
		}
	}
	d := &Document{Version: Version, Method: rep.Method, Snapshots: rep.Snapshots, Skipped: rep.Skipped, SourceRoot: sourceRoot, Groups: []Group{}}
	for _, g := range rep.Groups {
		gr := Group{Group: g}
		if g.Site.Known() {
			gr.File, gr.Line = SourceFile(g.Site.Script, sourceRoot), g.Site.Line
		}
		d.Groups = append(d.Groups, gr)
	}
	return d
}

// ScriptPath turns a script name into a file path: Node names CommonJS
// scripts by path and ES modules by file:// URL. Other names (node:...,
// http URLs, [eval]) are not files: "".
func ScriptPath(script string) string {
	if strings.HasPrefix(script, "file://") {
		u, err := url.Parse(script)
		if err != nil {
			return ""
		}
		return filepath.FromSlash(u.Path)
	}
	if filepath.IsAbs(script) {
		return script
	}
	return ""
}

// SourceFile is script relative to root when it lies inside it.
func SourceFile(script, root string) string {
	p := ScriptPath(script)
	if p == "" {
		return script
	}
	if root == "" {
		return filepath.ToSlash(p)
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return filepath.ToSlash(p)
	}
	if real, err := filepath.EvalSymlinks(absRoot); err == nil {
		absRoot = real
	}
	if real, err := filepath.EvalSymlinks(p); err == nil {
		p = real
	}
	rel, err := filepath.Rel(absRoot, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}

// InRoot reports whether the group's file is a relative path (inside the
// source root).
func (g *Group) InRoot() bool {
	return g.File != "" && !filepath.IsAbs(g.File) && !strings.Contains(g.File, ":")
}

// Matches reports whether a static finding at (line, relatedLines,
// message) in the group's file is the same leak: it stands on the group's
// site, points at it, or names the variable that holds the group.
func (g *Group) Matches(line int, relatedLines []int, message string) bool {
	if g.Line == 0 {
		return false
	}
	if line == g.Line {
		return true
	}
	for _, l := range relatedLines {
		if l == g.Line {
			return true
		}
	}
	return g.Variable != "" && strings.Contains(message, "`"+g.Variable+"`")
}

// Evidence is the sentence that tells a developer what the runtime saw,
// e.g. "retained 12.4 MB (+200 RenderedPage) after 100 runs of the load".
func (d *Document) Evidence(g *Group) string {
	var b strings.Builder
	fmt.Fprintf(&b, "runtime: %d new %s still alive, retaining %s", g.Leaked, g.Label(), FormatBytes(g.Retained))
	switch {
	case d.Iterations > 0 && d.Load != "":
		fmt.Fprintf(&b, " after %d runs of `%s`", d.Iterations, d.Load)
	case d.Iterations > 0:
		fmt.Fprintf(&b, " after %d iterations", d.Iterations)
	}
	if len(g.Holders) > 0 {
		fmt.Fprintf(&b, " (held by %s)", g.Holders[0].Text)
	}
	return b.String()
}

// Label names a group for people: "onReload() closures", "RenderedPage
// objects", "detached HTMLDivElement nodes".
func (g *Group) Label() string {
	switch g.Kind {
	case analysis.KindClosure:
		return g.Name + "() closures"
	case analysis.KindDetached:
		return "detached " + g.Name + " nodes"
	}
	return g.Name + " objects"
}

// Read loads a document (for the language server).
func Read(path string) (*Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var d Document
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("%s: not a leakwatch heap report: %w", path, err)
	}
	if d.Version != Version {
		return nil, fmt.Errorf("%s: heap report version %d, this leakwatch reads version %d", path, d.Version, Version)
	}
	return &d, nil
}

// FormatBytes writes a size the way people read it.
func FormatBytes(n uint64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
