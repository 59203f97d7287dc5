package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"time"

	"go.lsp.dev/protocol"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/textpos"
	"github.com/leakwatch/leakwatch/heap/report"
)

// Runtime evidence from a heap report (`leakwatch heap ... --save
// .leakwatch/heap.json`): a diagnostic whose line a leak group confirms
// gets the evidence as related information ("runtime: 200 new
// RenderedPage objects still alive, retaining 12.4 MB after 100 runs of
// ..."), and a site where memory grew but no rule reports gets an
// information diagnostic of its own.
//
// The report is the setting "heapReport" (a path, relative to the first
// workspace folder) or, without it, .leakwatch/heap.json in each workspace
// folder. It is re-read when it changes on disk.

// heapReportWatcher asks the client to say when a workspace heap report
// changes, so that open documents get the new evidence at once.
var heapReportWatcher = protocol.FileSystemWatcher{GlobPattern: protocol.Pattern("**/.leakwatch/heap.json")}

// isHeapReport reports whether path is a workspace heap report.
func isHeapReport(path string) bool {
	return filepath.Base(path) == "heap.json" && filepath.Base(filepath.Dir(path)) == ".leakwatch"
}

// heapGrowthCode is the code of the information diagnostics for growth no
// rule reports.
const heapGrowthCode = "heap-growth"

type heapEvidence struct {
	mu      sync.Mutex
	setting string // "" means .leakwatch/heap.json in each folder
	reports map[string]*heapReportFile
}

type heapReportFile struct {
	mod  time.Time
	size int64
	doc  *report.Document // nil when unreadable
}

// heapReportSetting extracts "heapReport" from settings given either at
// the top level or under "leakwatch"; ok is false when it is absent.
func heapReportSetting(raw []byte) (path string, ok bool) {
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return "", false
	}
	if nested, has := obj["leakwatch"]; has {
		obj = nil
		if json.Unmarshal(nested, &obj) != nil {
			return "", false
		}
	}
	v, has := obj["heapReport"]
	if !has {
		return "", false
	}
	if json.Unmarshal(v, &path) != nil {
		return "", false
	}
	return path, true
}

// setHeapReport applies the "heapReport" setting found in raw settings.
func (s *server) setHeapReport(raw []byte) {
	if p, ok := heapReportSetting(raw); ok {
		s.heap.mu.Lock()
		s.heap.setting = p
		s.heap.mu.Unlock()
	}
}

// heapDoc is a report and the folder its relative names are resolved in.
type heapDoc struct {
	doc  *report.Document
	base string
}

// heapDocuments returns the heap reports that apply now, each with the
// folder its relative file names may be resolved against.
func (s *server) heapDocuments() []heapDoc {
	s.mu.Lock()
	folders := append([]string(nil), s.folders...)
	s.mu.Unlock()
	h := &s.heap
	h.mu.Lock()
	defer h.mu.Unlock()
	var paths, bases []string
	if h.setting != "" {
		p := h.setting
		base := ""
		if len(folders) > 0 {
			base = folders[0]
		}
		if !filepath.IsAbs(p) && base != "" {
			p = filepath.Join(base, p)
		}
		paths, bases = append(paths, p), append(bases, base)
	} else {
		for _, f := range folders {
			paths, bases = append(paths, filepath.Join(f, ".leakwatch", "heap.json")), append(bases, f)
		}
	}
	if h.reports == nil {
		h.reports = map[string]*heapReportFile{}
	}
	var out []heapDoc
	for i, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			delete(h.reports, p)
			continue
		}
		r := h.reports[p]
		if r == nil || !r.mod.Equal(st.ModTime()) || r.size != st.Size() {
			r = &heapReportFile{mod: st.ModTime(), size: st.Size()}
			doc, err := report.Read(p)
			if err != nil {
				// Said once per version of the file.
				s.log.warnf("heap report: %v", err)
			}
			r.doc = doc
			h.reports[p] = r
		}
		if r.doc != nil {
			out = append(out, heapDoc{r.doc, bases[i]})
		}
	}
	return out
}

// withHeapEvidence returns diags (converted from found, in the same order)
// with the runtime evidence for this document added.
func (s *server) withHeapEvidence(snap snapshot, ix *textpos.Index, enc textpos.Encoding, found []analyzer.Diagnostic, diags []protocol.Diagnostic) []protocol.Diagnostic {
	if snap.path == "" {
		return diags
	}
	docs := s.heapDocuments()
	if len(docs) == 0 {
		return diags
	}
	self := filepath.Clean(snap.path)
	for _, hd := range docs {
		for gi := range hd.doc.Groups {
			g := &hd.doc.Groups[gi]
			if g.Line <= 0 || g.Line > ix.Lines() || !sameFile(self, groupPath(hd.doc, g, hd.base)) {
				continue
			}
			site := toRange(ix, enc, ix.LineStart(g.Line-1), ix.LineEnd(g.Line-1))
			evidence := hd.doc.Evidence(g)
			matched := false
			for i := range found {
				d := &found[i]
				line, _ := ix.Position(d.Start, textpos.UTF16)
				var related []int
				for _, r := range d.Related {
					l, _ := ix.Position(r.Start, textpos.UTF16)
					related = append(related, l+1)
				}
				if !g.Matches(line+1, related, d.Message) {
					continue
				}
				matched = true
				diags[i].RelatedInformation = append(diags[i].RelatedInformation, protocol.DiagnosticRelatedInformation{
					Location: protocol.Location{URI: snap.uri, Range: site},
					Message:  "confirmed at runtime: " + evidence,
				})
			}
			if !matched {
				diags = append(diags, protocol.Diagnostic{
					Range:    site,
					Severity: protocol.DiagnosticSeverityInformation,
					Code:     protocol.String(heapGrowthCode),
					Source:   protocol.NewOptional("leakwatch"),
					Message:  protocol.String(evidence + "; no rule reports this line: look at what keeps them"),
				})
			}
		}
	}
	return diags
}

// groupPath is where a group's file is on this machine: under the
// report's source root, or else under the folder holding the report.
func groupPath(d *report.Document, g *report.Group, base string) string {
	if filepath.IsAbs(g.File) {
		return g.File
	}
	if d.SourceRoot != "" && filepath.IsAbs(d.SourceRoot) {
		p := filepath.Join(d.SourceRoot, filepath.FromSlash(g.File))
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return filepath.Join(base, filepath.FromSlash(g.File))
}

func sameFile(a, b string) bool {
	if a == filepath.Clean(b) {
		return true
	}
	ra, err1 := filepath.EvalSymlinks(a)
	rb, err2 := filepath.EvalSymlinks(b)
	return err1 == nil && err2 == nil && ra == rb
}
