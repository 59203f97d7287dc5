package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/leakwatch/leakwatch/heap/analysis"
)

// maxPathSteps bounds the retainer path printed per group; the start of a
// long path is the runtime's plumbing, the end is what matters.
const maxPathSteps = 10

// WriteText prints the report for a terminal.
func WriteText(w io.Writer, d *Document) {
	switch d.Method {
	case "three-snapshot":
		fmt.Fprintln(w, "Three-snapshot comparison: objects allocated between snapshots 1 and 2 that are still alive in 3.")
	case "two-snapshot":
		fmt.Fprintln(w, "Two-snapshot comparison: objects allocated after snapshot 1 that are alive in 2.")
	}
	if len(d.Snapshots) > 0 {
		var live []string
		for _, s := range d.Snapshots {
			live = append(live, FormatBytes(s.LiveBytes))
		}
		fmt.Fprintf(w, "Live heap: %s\n", strings.Join(live, " -> "))
	}
	if d.Growth != nil {
		fmt.Fprintf(w, "Memory over time: %s\n", d.Growth.Reason)
	}
	for _, s := range d.Skipped {
		fmt.Fprintf(w, "Skipped: %s\n", s)
	}
	if len(d.Groups) == 0 {
		fmt.Fprintln(w, "\nNo leak groups: nothing allocated in between grew and stayed alive.")
		return
	}
	for i := range d.Groups {
		g := &d.Groups[i]
		fmt.Fprintf(w, "\n%d. %s: %d new still alive, retaining %s (count %s)\n", i+1, g.Label(), g.Leaked, FormatBytes(g.Retained), counts(g.Counts))
		if g.File != "" {
			fmt.Fprintf(w, "   at %s:%d (%s)\n", g.File, g.Line, g.SiteReason)
		}
		for _, h := range g.Holders {
			fmt.Fprintf(w, "   held by %s\n", h.Text)
		}
		if len(g.Path) > 0 {
			fmt.Fprintln(w, "   retainer path:")
			for _, line := range PathLines(g.Path) {
				fmt.Fprintf(w, "     %s\n", line)
			}
		}
		for _, fi := range g.Findings {
			f := d.Findings[fi]
			fmt.Fprintf(w, "   static finding %s:%d:%d %s: confirmed at runtime\n", f.File, f.Line, f.Column, f.Rule)
		}
	}
	if len(d.Findings) > 0 {
		fmt.Fprintf(w, "\n%d static finding(s) confirmed at runtime:\n", len(d.Findings))
		for _, f := range d.Findings {
			var labels []string
			for _, gi := range f.Groups {
				labels = append(labels, fmt.Sprintf("#%d %s", gi+1, d.Groups[gi].Label()))
			}
			fmt.Fprintf(w, "  %s:%d:%d: %s (%s)\n    confirmed at runtime by %s\n", f.File, f.Line, f.Column, f.Message, f.Rule, strings.Join(labels, ", "))
		}
	}
}

func counts(c []int) string {
	var s []string
	for _, n := range c {
		s = append(s, fmt.Sprint(n))
	}
	return strings.Join(s, " -> ")
}

// PathLines renders a retainer path, one step a line, keeping its end.
func PathLines(path []analysis.Step) []string {
	var out []string
	start := 0
	if len(path) > maxPathSteps {
		start = len(path) - maxPathSteps
		out = append(out, fmt.Sprintf("... %d steps from the GC roots ...", start))
	}
	for _, st := range path[start:] {
		line := fmt.Sprintf("-%s-> %s", edge(st), st.Node)
		if st.Site != nil {
			line += "  @ " + st.Site.String()
		}
		if st.Repeat > 1 {
			if st.Period > 1 {
				line += fmt.Sprintf("   (this and the next %d steps repeat %d times)", st.Period-1, st.Repeat)
			} else {
				line += fmt.Sprintf("   (x%d)", st.Repeat)
			}
		}
		out = append(out, line)
	}
	return out
}

func edge(st analysis.Step) string {
	switch st.EdgeType {
	case "context":
		return "variable " + st.Edge
	case "element", "hidden":
		return st.Edge
	case "internal":
		return "(" + st.Edge + ")"
	}
	return "." + st.Edge
}
