package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/textpos"
)

// The engine's config errors give file:line:col for JSON syntax errors, but
// not for an unknown rule id, an unknown field, a bad severity or a bad
// glob, and for a value of the wrong type they point just past the value.
// Editors jump to file:line:col, so this file finds the place itself: it
// indexes where every key and value of the document starts and ends, and
// maps the engine's message to the offending one.

// jsonNode is one key's value (or array element) in the config document.
type jsonNode struct {
	path     []string // keys and array indexes from the root
	keyStart int      // offset of the key; -1 for array elements and the root
	start    int      // offset of the value
	end      int      // offset just past the value
	raw      []byte
}

// indexJSON lists the document's values in document order, or nil if it
// is not valid JSON (the engine's message has the position then).
func indexJSON(data []byte) []jsonNode {
	dec := json.NewDecoder(bytes.NewReader(data))
	var nodes []jsonNode
	var walk func(path []string, keyStart int) error
	walk = func(path []string, keyStart int) error {
		start := skipSeparators(data, int(dec.InputOffset()))
		i := len(nodes)
		nodes = append(nodes, jsonNode{path: path, keyStart: keyStart, start: start})
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			for dec.More() {
				ks := skipSeparators(data, int(dec.InputOffset()))
				k, err := dec.Token()
				if err != nil {
					return err
				}
				key, _ := k.(string)
				if err := walk(append(path[:len(path):len(path)], key), ks); err != nil {
					return err
				}
			}
			if _, err := dec.Token(); err != nil {
				return err
			}
		case json.Delim('['):
			for n := 0; dec.More(); n++ {
				if err := walk(append(path[:len(path):len(path)], strconv.Itoa(n)), -1); err != nil {
					return err
				}
			}
			if _, err := dec.Token(); err != nil {
				return err
			}
		}
		nodes[i].end = int(dec.InputOffset())
		nodes[i].raw = data[nodes[i].start:nodes[i].end]
		return nil
	}
	if err := walk(nil, -1); err != nil {
		return nil
	}
	return nodes
}

func skipSeparators(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ':', ',':
			off++
		default:
			return off
		}
	}
	return off
}

var (
	reUnknownField = regexp.MustCompile(`unknown field "([^"]*)"`)
	reUnknownRule  = regexp.MustCompile(`unknown rule ((?:"[^"]*"(?:, )?)+)`)
	reBadGlob      = regexp.MustCompile(`ignore pattern "((?:[^"\\]|\\.)*)": (.*)`)
	reTypeError    = regexp.MustCompile(`^.*:(\d+):(\d+): (.* must be .*)$`)
	reQuoted       = regexp.MustCompile(`"([^"]*)"`)
)

// locateConfigError rewrites err as "name:line:col: message" pointing at
// the offending key or value when it can find it, and returns err as it
// is otherwise.
func locateConfigError(name string, data []byte, err error, known []string) error {
	msg := err.Error()
	if strings.Contains(msg, "empty file") {
		return err
	}
	ix := textpos.New(string(data))
	at := func(off int, format string, args ...any) error {
		line, col := ix.Position(off, textpos.UTF16)
		return fmt.Errorf("%s:%d:%d: %s", name, line+1, col+1, fmt.Sprintf(format, args...))
	}
	if strings.Contains(msg, "invalid JSON") {
		// The engine points one past the offending character (Offset is
		// the count of bytes read, the bad one included).
		var v any
		var syn *json.SyntaxError
		if errors.As(json.Unmarshal(data, &v), &syn) && syn.Offset > 0 {
			return at(int(syn.Offset)-1, "invalid JSON: %s", syn.Error())
		}
		return err
	}
	nodes := indexJSON(data)
	if nodes == nil {
		return err
	}

	if m := reUnknownField.FindStringSubmatch(msg); m != nil {
		for _, n := range nodes {
			if len(n.path) > 0 && n.path[len(n.path)-1] == m[1] && n.keyStart >= 0 {
				return at(n.keyStart, "unknown setting %q%s", m[1], settingHint(n.path))
			}
		}
	}
	if m := reUnknownRule.FindStringSubmatch(msg); m != nil {
		ids := reQuoted.FindAllStringSubmatch(m[1], -1)
		var errs []string
		var first *jsonNode
		for _, id := range ids {
			for i, n := range nodes {
				if len(n.path) == 2 && n.path[0] == "rules" && n.path[1] == id[1] {
					if first == nil || n.keyStart < first.keyStart {
						first = &nodes[i]
					}
					errs = append(errs, at(n.keyStart, "unknown rule %q%s (run `leakwatch rules` to list them)",
						id[1], didYouMean(id[1], known)).Error())
				}
			}
		}
		if len(errs) > 0 {
			sort.Strings(errs) // same line:col prefix order as the document
			return errors.New(strings.Join(errs, "\n"))
		}
	}
	if m := reBadGlob.FindStringSubmatch(msg); m != nil {
		for _, n := range nodes {
			var s string
			if len(n.path) == 2 && n.path[0] == "ignore" && json.Unmarshal(n.raw, &s) == nil && strconv.Quote(s) == `"`+m[1]+`"` {
				return at(n.start, "ignore pattern %q is not a valid glob: %s", s, m[2])
			}
		}
	}
	if strings.Contains(msg, "severity") || strings.Contains(msg, "rule setting") || strings.Contains(msg, "plain") {
		for _, n := range nodes {
			if len(n.path) != 2 || n.path[0] != "rules" {
				continue
			}
			var rc analyzer.RuleConfig
			if rerr := json.Unmarshal(n.raw, &rc); rerr != nil {
				return at(n.start, "rule %q: %s", n.path[1], cleanRuleSettingError(rerr))
			}
		}
	}
	if m := reTypeError.FindStringSubmatch(msg); m != nil {
		// The engine's offset is just past the bad value: find the
		// innermost value ending there and point at its start.
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		off := ix.LineStart(line-1) + col - 1
		best := -1
		for i, n := range nodes {
			if n.end == off && (best < 0 || n.start >= nodes[best].start) {
				best = i
			}
		}
		if best >= 0 {
			return at(nodes[best].start, "%s", m[3])
		}
	}
	if len(nodes) > 0 && !bytes.HasPrefix(nodes[0].raw, []byte("{")) {
		return at(nodes[0].start, "the configuration must be a JSON object such as {\"rules\": {}}")
	}
	return err
}

// settingHint lists the valid settings where an unknown one was found.
func settingHint(path []string) string {
	switch {
	case len(path) == 1:
		return ` (settings are "rules", "ignore" and "owners")`
	case len(path) == 2 && path[0] == "owners":
		return ` (owners settings are "effectHooks" and "teardownMethods")`
	case len(path) == 3 && path[0] == "rules":
		return ` (a rule's settings are "severity" and "options")`
	}
	return ""
}

// cleanRuleSettingError drops Go type names from the engine's message
// about a rule setting, which mean nothing to the person editing JSON.
func cleanRuleSettingError(err error) string {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return fmt.Sprintf("a rule setting is a severity (\"warning\", \"off\", ...), true/false, or {\"severity\": ..., \"options\": {...}}, not %s", typ.Value)
	}
	return err.Error()
}
