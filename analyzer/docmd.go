package analyzer

import (
	"fmt"
	"strings"
)

// Markdown renders a rule's documentation as a Markdown page: the text of
// docs/rules/<id>.md, `leakwatch explain --markdown`, and editor hovers.
func (r *Rule) Markdown() string {
	var b strings.Builder
	d := r.Doc
	fmt.Fprintf(&b, "# %s\n\n", r.ID)
	fmt.Fprintf(&b, "**%s** (default severity: %s)\n\n", d.Title, r.Severity)
	b.WriteString(strings.TrimSpace(d.Text) + "\n\n")
	if len(d.Accepts) > 0 {
		b.WriteString("## Accepted cleanup\n\n")
		for _, a := range d.Accepts {
			b.WriteString("- " + a + "\n")
		}
		b.WriteString("\n")
	}
	writeExample := func(title string, ex Example) {
		if ex.Code == "" {
			return
		}
		fmt.Fprintf(&b, "## %s\n\n```%s\n// %s\n%s```\n\n", title, fenceLang(ex.Path), ex.Path, ensureNewline(ex.Code))
	}
	writeExample("Leaks", d.Bad)
	writeExample("Fixed", d.Good)
	fmt.Fprintf(&b, "Silence one finding with `// leakwatch-ignore %s: <reason>` on the line or the line above.\n", r.ID)
	return b.String()
}

func fenceLang(path string) string {
	switch {
	case strings.HasSuffix(path, ".tsx"):
		return "tsx"
	case strings.HasSuffix(path, ".ts"):
		return "ts"
	case strings.HasSuffix(path, ".jsx"):
		return "jsx"
	case strings.HasSuffix(path, ".vue"):
		return "vue"
	case strings.HasSuffix(path, ".svelte"):
		return "svelte"
	}
	return "js"
}

func ensureNewline(s string) string {
	if strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}
