package main

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
)

// githubReporter prints GitHub Actions workflow commands, which GitHub
// turns into annotations on the pull request's changed lines.
type githubReporter struct {
	out    *bufio.Writer
	tail   *lineEnd
	stderr io.Writer
	opts   *checkOptions
}

func (g *githubReporter) begin() error { return nil }

func (g *githubReporter) file(r *fileResult) error {
	for _, p := range r.problems {
		level := "warning"
		switch p.Severity {
		case analyzer.SeverityError:
			level = "error"
		case analyzer.SeverityInfo, analyzer.SeverityHint:
			level = "notice"
		}
		fmt.Fprintf(g.out, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			level, githubProperty(filepath.ToSlash(r.entry.Path)), p.Line, p.Column, p.EndLine, p.EndColumn,
			githubProperty("leakwatch ("+p.Rule+")"), githubData(p.Message))
	}
	return nil
}

func (g *githubReporter) end(s *summary) error {
	if err := finishLine(g.out, g.tail); err != nil {
		return err
	}
	printSummary(g.stderr, s, g.opts)
	return nil
}

// githubData escapes a workflow command's message as the Actions runner
// expects (toolkit's escapeData): % first, then CR and LF.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a property value (escapeProperty): as data, plus
// ':' and ',' which separate properties.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
