package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
)

// parseInterspersed parses flags that may come before, between or after
// the positional arguments (`leakwatch check src --fix`), which the flag
// package alone does not allow. Everything after "--" is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	args = expandShortNumber(args)
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

var shortNumber = regexp.MustCompile(`^-j([0-9]+)$`)

// expandShortNumber accepts "-j4", as make users type it, by rewriting it
// to "-j=4" before the flag package sees it.
func expandShortNumber(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if a == "--" {
			copy(out[i:], args[i:])
			break
		}
		if m := shortNumber.FindStringSubmatch(a); m != nil {
			a = "-j=" + m[1]
		}
		out[i] = a
	}
	return out
}

// newFlagSet returns a flag set that reports errors itself (to stderr) and
// prints usage to stdout on -h, as help that was asked for is not an error.
// A bad flag prints no usage: the error says what to run for it, and a
// page of help on stdout would land in the report file of `> out.json`.
func newFlagSet(name, usage string, stdout, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package writes an error's message to the output and then
	// calls Usage; for -h it calls Usage alone. The message, discarded,
	// marks the Usage call that follows as an error's.
	marker := &errorMarker{}
	fs.SetOutput(marker)
	fs.Usage = func() {
		if marker.seen {
			marker.seen = false
			return
		}
		fmt.Fprint(stdout, usage)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(marker)
	}
	return fs
}

// errorMarker discards what is written to it and remembers that it was.
type errorMarker struct{ seen bool }

func (m *errorMarker) Write(p []byte) (int, error) {
	m.seen = true
	return len(p), nil
}

// flagError turns a flag parsing failure into an exit code.
func flagError(cmd string, err error, stderr io.Writer) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	fmt.Fprintf(stderr, "leakwatch %s: %v\nRun \"leakwatch %s --help\" for usage.\n", cmd, err, cmd)
	return exitUsage
}

// byteSize is a flag for sizes such as 4MB, 512KB, 1.5M or 1000000.
// K and M are binary multiples (1024), as the engine's own defaults are.
type byteSize struct {
	n   int64
	set bool
}

func (b *byteSize) String() string {
	if b == nil || !b.set {
		return ""
	}
	return strconv.FormatInt(b.n, 10)
}

func (b *byteSize) Set(s string) error {
	n, err := parseByteSize(s)
	if err != nil {
		return err
	}
	b.n, b.set = n, true
	return nil
}

func parseByteSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10},
		{"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f < 0 || math.IsNaN(f) || f*float64(mult) > math.MaxInt64/2 {
		return 0, fmt.Errorf("invalid size %q (use bytes or a suffix: 4MB, 512KB; 0 means no limit)", s)
	}
	return int64(f * float64(mult)), nil
}

// ruleSelection is the parsed --rules flag: bare ids keep only those rules,
// "+id" turns a rule on (even if the config turned it off), "-id" off.
type ruleSelection struct {
	only    map[string]bool // nil when no bare ids were given
	enable  map[string]bool
	disable map[string]bool
	// hide holds meta rule ids (unused-suppression, invalid-suppression)
	// whose diagnostics are dropped after analysis: the engine reports them
	// whatever the config says.
	hide map[string]bool
}

// metaRules are the engine's own diagnostic ids; --rules may hide the
// suppression ones, never internal-error.
var metaRules = []string{analyzer.RuleInternalError, analyzer.RuleInvalidSuppression, analyzer.RuleUnusedSuppression}

func parseRuleSelection(list string, eng *analyzer.Engine) (*ruleSelection, error) {
	sel := &ruleSelection{enable: map[string]bool{}, disable: map[string]bool{}, hide: map[string]bool{}}
	if strings.TrimSpace(list) == "" {
		return sel, nil
	}
	known := append(append([]string(nil), eng.RuleIDs()...), metaRules...)
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		op, id := byte(0), item
		if item[0] == '+' || item[0] == '-' {
			op, id = item[0], item[1:]
		}
		isMeta := false
		for _, m := range metaRules {
			isMeta = isMeta || m == id
		}
		switch {
		case isMeta && id == analyzer.RuleInternalError && op == '-':
			return nil, fmt.Errorf("--rules: %s cannot be turned off: it means leakwatch failed on a file", id)
		case isMeta:
			if op == '-' {
				sel.hide[id] = true
			}
		case eng.Rule(id) == nil:
			return nil, fmt.Errorf("--rules: unknown rule %q%s (run `leakwatch rules` to list them)", id, didYouMean(id, known))
		case op == '+':
			sel.enable[id] = true
		case op == '-':
			sel.disable[id] = true
		default:
			if sel.only == nil {
				sel.only = map[string]bool{}
			}
			sel.only[id] = true
		}
	}
	return sel, nil
}

func (s *ruleSelection) empty() bool {
	return s == nil || (s.only == nil && len(s.enable) == 0 && len(s.disable) == 0)
}

// apply returns cfg with the selection laid over it; cfg may be nil
// (defaults). The result is a new Config; cfg is not changed.
func (s *ruleSelection) apply(cfg *analyzer.Config, eng *analyzer.Engine) *analyzer.Config {
	if s.empty() {
		return cfg
	}
	out := &analyzer.Config{}
	if cfg != nil {
		*out = *cfg
	}
	out.Rules = make(map[string]analyzer.RuleConfig, len(eng.Rules()))
	if cfg != nil {
		for k, v := range cfg.Rules {
			out.Rules[k] = v
		}
	}
	for _, r := range eng.Rules() {
		rc, configured := out.Rules[r.ID]
		if !configured {
			rc.Severity = r.Severity
		}
		switch {
		case s.disable[r.ID], s.only != nil && !s.only[r.ID] && !s.enable[r.ID]:
			rc.Severity = analyzer.SeverityOff
		case (s.enable[r.ID] || s.only[r.ID]) && rc.Severity == analyzer.SeverityOff:
			// Asked for by name: on at its default severity, or as a
			// warning if it is off by default.
			rc.Severity = r.Severity
			if rc.Severity == analyzer.SeverityOff {
				rc.Severity = analyzer.SeverityWarning
			}
		}
		out.Rules[r.ID] = rc
	}
	return out
}
