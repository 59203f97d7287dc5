package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
)

// SARIF 2.1.0 (OASIS), the format GitHub code scanning and most security
// dashboards import. Only the parts leakwatch has data for are written;
// every object here is one the specification defines.

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	sarifInfoURI = "https://github.com/leakwatch/leakwatch"
	// sarifRoot names the folder relative result URIs are resolved
	// against; originalUriBaseIds says where it is on this machine.
	sarifRoot = "%SRCROOT%"
)

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name,omitempty"`
	ShortDescription     sarifText       `json:"shortDescription"`
	FullDescription      *sarifText      `json:"fullDescription,omitempty"`
	Help                 *sarifHelp      `json:"help,omitempty"`
	HelpURI              string          `json:"helpUri,omitempty"`
	DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID           string             `json:"ruleId"`
	RuleIndex        *int               `json:"ruleIndex,omitempty"`
	Level            string             `json:"level"`
	Message          sarifText          `json:"message"`
	Locations        []sarifLocation    `json:"locations"`
	RelatedLocations []sarifRelLocation `json:"relatedLocations,omitempty"`
	Fixes            []sarifFix         `json:"fixes,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifRelLocation struct {
	ID               int           `json:"id"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifText    `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           *sarifRegion     `json:"region,omitempty"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent sarifText   `json:"insertedContent"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

// sarifReporter writes the log around the results, which it streams: the
// header (tool and rules) first, each result as its file is done, then the
// invocation with any files that could not be read.
type sarifReporter struct {
	out       *bufio.Writer
	rules     []sarifRule
	ruleIndex map[string]int
	n         int
}

func newSARIFReporter(out *bufio.Writer, eng *analyzer.Engine) *sarifReporter {
	s := &sarifReporter{out: out, ruleIndex: map[string]int{}}
	for _, r := range eng.Rules() {
		s.addRule(r.ID, r.Doc, r.Severity)
	}
	for _, id := range metaRules {
		s.addRule(id, metaRuleDocs[id], analyzer.SeverityWarning)
	}
	return s
}

func (s *sarifReporter) addRule(id string, doc analyzer.Doc, sev analyzer.Severity) {
	title := doc.Title
	if title == "" {
		title = id
	}
	r := sarifRule{
		ID: id, Name: ruleName(id), ShortDescription: sarifText{title}, HelpURI: analyzer.DocURL(id),
		DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(sev)},
	}
	if doc.Text != "" {
		r.FullDescription = &sarifText{doc.Text}
		r.Help = &sarifHelp{Text: doc.Text + "\n\nMore: " + analyzer.DocURL(id), Markdown: doc.Text + "\n\n[Documentation](" + analyzer.DocURL(id) + ")"}
	}
	s.ruleIndex[id] = len(s.rules)
	s.rules = append(s.rules, r)
}

// ruleName is the id in PascalCase, as SARIF viewers show rule names.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

func sarifLevel(s analyzer.Severity) string {
	switch s {
	case analyzer.SeverityError:
		return "error"
	case analyzer.SeverityWarning:
		return "warning"
	case analyzer.SeverityOff:
		return "none"
	}
	return "note"
}

func (s *sarifReporter) begin() error {
	head := struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
	}{sarifSchema, sarifVersion}
	run := struct {
		Tool               sarifTool                   `json:"tool"`
		OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
		// Columns are UTF-16 code units, as in every other output;
		// SARIF's default would be code points.
		ColumnKind string `json:"columnKind"`
	}{
		Tool:       sarifTool{Driver: sarifDriver{Name: "leakwatch", Version: versionString(), InformationURI: sarifInfoURI, Rules: s.rules}},
		ColumnKind: "utf16CodeUnits",
	}
	if wd, err := os.Getwd(); err == nil {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{sarifRoot: {URI: fileURI(wd) + "/"}}
	}
	// The log is {head..., "runs":[{run..., "results":[ ... ]}]}: marshal
	// both objects and leave them open where the streamed parts go.
	hb, err := marshalJSON(head)
	if err != nil {
		return err
	}
	rb, err := marshalJSON(run)
	if err != nil {
		return err
	}
	s.out.Write(hb[:len(hb)-1])
	s.out.WriteString(`,"runs":[`)
	s.out.Write(rb[:len(rb)-1])
	_, err = s.out.WriteString(`,"results":[`)
	return err
}

func (s *sarifReporter) file(r *fileResult) error {
	loc := artifactLocation(r.entry.Path)
	for _, p := range r.problems {
		res := sarifResult{
			RuleID: p.Rule, Level: sarifLevel(p.Severity), Message: sarifText{p.Message},
			Locations: []sarifLocation{{sarifPhysical{loc, region(p.span)}}},
		}
		if idx, ok := s.ruleIndex[p.Rule]; ok {
			res.RuleIndex = &idx
		}
		for i, rel := range p.Related {
			if !rel.positioned {
				continue
			}
			res.RelatedLocations = append(res.RelatedLocations, sarifRelLocation{
				ID: i + 1, PhysicalLocation: sarifPhysical{loc, region(rel.span)}, Message: &sarifText{rel.Message}})
		}
		for _, f := range p.Fixes {
			ch := sarifArtifactChange{ArtifactLocation: loc}
			for _, e := range f.Edits {
				ch.Replacements = append(ch.Replacements, sarifReplacement{*region(e.span), sarifText{e.NewText}})
			}
			desc := f.Title
			if !f.Safe {
				desc += " (needs review)"
			}
			res.Fixes = append(res.Fixes, sarifFix{Description: sarifText{desc}, ArtifactChanges: []sarifArtifactChange{ch}})
		}
		b, err := marshalJSON(res)
		if err != nil {
			return err
		}
		if s.n > 0 {
			s.out.WriteByte(',')
		}
		s.n++
		s.out.WriteByte('\n')
		if _, err := s.out.Write(b); err != nil {
			return err
		}
	}
	return nil
}

func (s *sarifReporter) end(sum *summary) error {
	inv := sarifInvocation{ExecutionSuccessful: sum.internal == 0, Notifications: []sarifNotification{}}
	for _, f := range sum.failed {
		inv.Notifications = append(inv.Notifications, sarifNotification{
			Level: "error", Message: sarifText{f.err},
			Locations: []sarifLocation{{sarifPhysical{ArtifactLocation: artifactLocation(f.path)}}},
		})
	}
	b, err := marshalJSON([]sarifInvocation{inv})
	if err != nil {
		return err
	}
	s.out.WriteString(`],"invocations":`)
	s.out.Write(b)
	_, err = s.out.WriteString("}]}\n")
	return err
}

// artifactLocation names a file relative to %SRCROOT% (the working folder)
// when it is below it, and by absolute file URI otherwise.
func artifactLocation(path string) sarifArtifactLoc {
	slash := filepath.ToSlash(filepath.Clean(path))
	if !filepath.IsAbs(path) && slash != ".." && !strings.HasPrefix(slash, "../") {
		u := (&url.URL{Path: slash}).EscapedPath()
		if i := strings.IndexByte(u, '/'); strings.Contains(u[:max(i, 0)], ":") || (i < 0 && strings.Contains(u, ":")) {
			u = "./" + u // a colon in the first segment would read as a scheme
		}
		return sarifArtifactLoc{URI: u, URIBaseID: sarifRoot}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return sarifArtifactLoc{URI: fileURI(abs)}
}

func fileURI(abs string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

func region(s span) *sarifRegion {
	return &sarifRegion{StartLine: s.Line, StartColumn: s.Column, EndLine: s.EndLine, EndColumn: s.EndColumn}
}

// marshalJSON is json.Marshal without escaping <, > and &: messages quote
// code (`a && b`, JSX) and are read by people.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
