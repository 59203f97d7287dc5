package main

import (
	"bufio"
	"path/filepath"
)

// jsonReporter streams {"version":1,"diagnostics":[...],"summary":{...}}:
// each diagnostic is written when its file is done, one per line, so the
// document is never held in memory and stays greppable.
type jsonReporter struct {
	out *bufio.Writer
	n   int
}

type jsonDiagnostic struct {
	File      string        `json:"file"`
	Line      int           `json:"line"`
	Column    int           `json:"column"`
	EndLine   int           `json:"endLine"`
	EndColumn int           `json:"endColumn"`
	Rule      string        `json:"rule"`
	Severity  string        `json:"severity"`
	Message   string        `json:"message"`
	Related   []jsonRelated `json:"related"`
	Fixes     []jsonFix     `json:"fixes"`
}

type jsonRelated struct {
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Message   string `json:"message"`
}

type jsonFix struct {
	Title string     `json:"title"`
	Safe  bool       `json:"safe"`
	Edits []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	NewText   string `json:"newText"`
}

type jsonSummary struct {
	Files             int               `json:"files"`
	FilesWithProblems int               `json:"filesWithProblems"`
	Problems          int               `json:"problems"`
	Errors            int               `json:"errors"`
	Warnings          int               `json:"warnings"`
	Infos             int               `json:"infos"`
	Hints             int               `json:"hints"`
	Fixable           int               `json:"fixable"`
	Fixed             int               `json:"fixed"`
	Skipped           []jsonSkip        `json:"skipped"`
	Failed            []jsonFailure     `json:"failed"`
	SyntaxErrors      []jsonSyntaxError `json:"syntaxErrors"`
}

type jsonSkip struct {
	File   string `json:"file"`
	Folder bool   `json:"folder,omitempty"`
	Reason string `json:"reason"`
}

type jsonFailure struct {
	File  string `json:"file"`
	Error string `json:"error"`
}

// jsonSyntaxError is the first place parsing had to recover in a file
// that was still analysed, and how many such places there were.
type jsonSyntaxError struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Count  int    `json:"count"`
}

func (j *jsonReporter) begin() error {
	_, err := j.out.WriteString(`{"version":1,"diagnostics":[`)
	return err
}

func (j *jsonReporter) file(r *fileResult) error {
	for _, p := range r.problems {
		b, err := marshalJSON(toJSONDiagnostic(r.entry.Path, p))
		if err != nil {
			return err
		}
		if j.n > 0 {
			j.out.WriteByte(',')
		}
		j.n++
		j.out.WriteByte('\n')
		if _, err := j.out.Write(b); err != nil {
			return err
		}
	}
	return nil
}

func toJSONDiagnostic(path string, p problem) jsonDiagnostic {
	d := jsonDiagnostic{
		File: filepath.ToSlash(path), Line: p.Line, Column: p.Column, EndLine: p.EndLine, EndColumn: p.EndColumn,
		Rule: p.Rule, Severity: p.Severity.String(), Message: p.Message,
		Related: []jsonRelated{}, Fixes: []jsonFix{},
	}
	for _, r := range p.Related {
		d.Related = append(d.Related, jsonRelated{r.Line, r.Column, r.EndLine, r.EndColumn, r.Message})
	}
	for _, f := range p.Fixes {
		jf := jsonFix{Title: f.Title, Safe: f.Safe, Edits: []jsonEdit{}}
		for _, e := range f.Edits {
			jf.Edits = append(jf.Edits, jsonEdit{e.Line, e.Column, e.EndLine, e.EndColumn, e.NewText})
		}
		d.Fixes = append(d.Fixes, jf)
	}
	return d
}

func (j *jsonReporter) end(s *summary) error {
	js := jsonSummary{
		Files: s.files, FilesWithProblems: s.filesWithProblems,
		Problems: s.counts.total(), Errors: s.counts.errors, Warnings: s.counts.warnings,
		Infos: s.counts.infos, Hints: s.counts.hints, Fixable: s.fixable, Fixed: s.fixed,
		Skipped: []jsonSkip{}, Failed: []jsonFailure{}, SyntaxErrors: []jsonSyntaxError{},
	}
	for _, k := range s.skipped {
		js.Skipped = append(js.Skipped, jsonSkip{File: filepath.ToSlash(k.path), Folder: k.dir, Reason: k.reason})
	}
	for _, f := range s.failed {
		js.Failed = append(js.Failed, jsonFailure{File: filepath.ToSlash(f.path), Error: f.err})
	}
	for _, se := range s.syntaxErrors {
		js.SyntaxErrors = append(js.SyntaxErrors, jsonSyntaxError{File: filepath.ToSlash(se.path), Line: se.first.Line, Column: se.first.Column, Count: se.count})
	}
	b, err := marshalJSON(js)
	if err != nil {
		return err
	}
	if j.n > 0 {
		j.out.WriteByte('\n')
	}
	j.out.WriteString(`],"summary":`)
	j.out.Write(b)
	_, err = j.out.WriteString("}\n")
	return err
}
