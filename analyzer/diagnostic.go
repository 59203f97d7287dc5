// Package analyzer is leakwatch's engine: it runs rules over a file and
// returns plain data (diagnostics with byte offsets, fixes as byte edits).
//
// The drivers (the CLI in cmd/leakwatch and the language server in lsp/)
// hand it a File and never look at syntax trees; rules (rules/...) never
// print, read files or know about editors.
package analyzer

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Severity orders findings; it maps to the LSP's DiagnosticSeverity and to
// SARIF levels.
type Severity int

const (
	SeverityOff Severity = iota
	SeverityHint
	SeverityInfo
	SeverityWarning
	SeverityError
)

var severityNames = [...]string{"off", "hint", "info", "warning", "error"}

func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity accepts the names used in config files and on the command
// line ("warn" and "information" too, as ESLint users type them).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "off", "none", "0":
		return SeverityOff, nil
	case "hint":
		return SeverityHint, nil
	case "info", "information":
		return SeverityInfo, nil
	case "warning", "warn", "1":
		return SeverityWarning, nil
	case "error", "2":
		return SeverityError, nil
	}
	return SeverityOff, fmt.Errorf("unknown severity %q (want off, hint, info, warning or error)", s)
}

func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

func (s *Severity) UnmarshalJSON(b []byte) error {
	var str string
	if err := json.Unmarshal(b, &str); err != nil {
		return fmt.Errorf("severity must be a string such as \"warning\", got %s", b)
	}
	v, err := ParseSeverity(str)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Diagnostic is one finding. Offsets are bytes into the analysed source.
type Diagnostic struct {
	Rule     string
	Severity Severity
	Start    int
	End      int
	Message  string
	// Related points at places that explain the finding, typically the
	// teardown where the cleanup belongs.
	Related []Related
	// Fixes are offered in order of preference. After Engine.Analyze they
	// have all been validated (see Engine.ValidateFixes and FixWanted).
	Fixes []Fix
}

// Related is a secondary location in the same file.
type Related struct {
	Start, End int
	Message    string
}

// Fix is a change that resolves a diagnostic.
type Fix struct {
	Title string
	// Safe fixes keep the program's meaning apart from removing the leak;
	// `check --fix` applies only these. Unsafe ones need a human to look.
	Safe  bool
	Edits []Edit
	// Scopes are the start offsets of the classes and owners the fix adds
	// to beyond its edits: a teardown it creates or appends to, a field or
	// name it takes. Each fix is computed as if it were the only one, so
	// two with a scope in common (two observers of one class) would each
	// create the class's cleanup() and take the same field name: MergeFixes
	// takes one of them per round, and the next round's analysis sees what
	// it wrote.
	Scopes []int
}

// Edit replaces Src[Start:End] with NewText.
type Edit struct {
	Start, End int
	NewText    string
}

// Internal rule ids that are not leak rules: they describe the analysis
// itself and can be filtered but not configured away silently.
const (
	RuleInternalError      = "internal-error"
	RuleInvalidSuppression = "invalid-suppression"
	RuleUnusedSuppression  = "unused-suppression"
)
