package analyzer

import (
	"fmt"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// ValidateRules checks what the engine relies on and cannot check later:
// every rule has a unique id and a New function, dispatches on node kinds
// some grammar has (a kind no grammar has never matches, and the rule goes
// silent instead of failing), and has needles that cover every API of the
// table it follows (otherwise the prefilter skips files where it would
// report).
func ValidateRules(rules []*Rule) error {
	kinds := grammarKinds()
	seen := make(map[string]bool, len(rules))
	var errs []string
	for i, r := range rules {
		if r == nil {
			errs = append(errs, fmt.Sprintf("rule %d is nil", i))
			continue
		}
		switch {
		case r.ID == "":
			errs = append(errs, fmt.Sprintf("rule %d has no id", i))
		case seen[r.ID]:
			errs = append(errs, fmt.Sprintf("rule id %q is used twice", r.ID))
		case r.ID == RuleInternalError || r.ID == RuleUnusedSuppression:
			errs = append(errs, fmt.Sprintf("rule id %q is the engine's own", r.ID))
		}
		seen[r.ID] = true
		if r.New == nil {
			errs = append(errs, fmt.Sprintf("rule %s has no New function", r.ID))
		}
		for _, k := range r.Kinds {
			if !kinds[k] {
				errs = append(errs, fmt.Sprintf("rule %s dispatches on node kind %q, which no grammar has (see `leakwatch debug tree` for the kinds)", r.ID, k))
			}
		}
		if r.APIs.Zero() {
			continue
		}
		tbl := apis.Builtin()
		if len(tbl.Select(r.APIs)) == 0 {
			errs = append(errs, fmt.Sprintf("rule %s follows %s APIs but the table selects none", r.ID, r.APIs.Family))
		}
		if len(r.Needles) == 0 {
			continue // runs on every file
		}
		for _, want := range tbl.Needles(r.APIs) {
			if !apis.Covered(want, r.Needles) {
				errs = append(errs, fmt.Sprintf("rule %s follows %s APIs but none of its needles occurs in %q: derive them with apis.Builtin().Needles", r.ID, r.APIs.Family, want))
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("invalid rules:\n\t%s", strings.Join(errs, "\n\t"))
	}
	return nil
}

// grammarKinds returns the node kinds of every grammar.
func grammarKinds() map[string]bool {
	kinds := make(map[string]bool)
	for _, l := range []syntax.Lang{syntax.JavaScript, syntax.TypeScript, syntax.TSX} {
		for _, k := range syntax.SymbolNames(l) {
			if k != "" {
				kinds[k] = true
			}
		}
	}
	return kinds
}
