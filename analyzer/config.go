package analyzer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
)

// ConfigFileName is looked up from each analysed file's folder upwards.
const ConfigFileName = ".leakwatch.json"

// Config is a parsed .leakwatch.json (or the equivalent LSP settings).
//
//	{
//	  "rules": {"timer-not-cleared": "error", "unbounded-cache": "off",
//	            "listener-not-removed": {"severity": "warning"}},
//	  "ignore": ["dist/**", "**/*.generated.ts"],
//	  "owners": {"effectHooks": ["useMountEffect"], "teardownMethods": ["release"]}
//	}
type Config struct {
	// Rules maps rule ids to their settings; rules not named keep their
	// defaults.
	Rules map[string]RuleConfig `json:"rules,omitempty"`
	// Ignore lists globs, relative to the config file's folder, of files
	// not to analyse.
	Ignore []string `json:"ignore,omitempty"`
	// Owners extends the lifecycle vocabulary.
	Owners OwnersConfig `json:"owners,omitempty"`
	// Packages are the versions of the packages the project depends on
	// ({"vue": "^2.7.14"}), as its nearest package.json lists them, so that
	// fixes write the teardown of the framework version in use (Vue 2's
	// beforeDestroy, Angular's DestroyRef only from 16). The CLI fills it
	// in from package.json; a configuration may set it for a project that
	// has none.
	Packages map[string]string `json:"packages,omitempty"`

	// Dir is the folder the config file is in; Ignore globs are relative
	// to it. Empty for configs that did not come from a file.
	Dir string `json:"-"`
	// Path is the file the config was read from, for messages.
	Path string `json:"-"`
}

// OwnersConfig extends what leakwatch knows about a code base's own
// lifecycles and APIs.
type OwnersConfig struct {
	// EffectHooks are hooks whose callback returns its cleanup, like
	// useEffect (useIsomorphicLayoutEffect, useUpdateEffect, ...).
	EffectHooks []string `json:"effectHooks,omitempty"`
	// TeardownMethods make a class with such a method an owner.
	TeardownMethods []string `json:"teardownMethods,omitempty"`
	// ListenerPairs are extra listener-style methods, adder to remover:
	// {"listen": "unlisten", "bind": "unbind"}.
	ListenerPairs map[string]string `json:"listenerPairs,omitempty"`
	// LongLived names values that live as long as the program although
	// leakwatch cannot see it (a bus reached through a getter, a member
	// holding an app-wide store): registrations on them must be undone.
	LongLived []string `json:"longLived,omitempty"`
}

func (o OwnersConfig) lifecycle() lifecycle.Config {
	return lifecycle.Config{EffectHooks: o.EffectHooks, TeardownMethods: o.TeardownMethods}
}

// RuleConfig is one rule's setting. In JSON it is either a severity string
// or an object {"severity": ..., "options": {...}}.
type RuleConfig struct {
	Severity Severity       `json:"severity"`
	Options  map[string]any `json:"options,omitempty"`
}

func (rc *RuleConfig) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		return rc.Severity.UnmarshalJSON(b)
	}
	if len(b) > 0 && (b[0] == 't' || b[0] == 'f') {
		var on bool
		if err := json.Unmarshal(b, &on); err != nil {
			return err
		}
		rc.Severity = SeverityOff
		if on {
			rc.Severity = SeverityWarning
		}
		return nil
	}
	if len(b) == 0 || b[0] != '{' {
		kind := "number"
		switch {
		case len(b) > 0 && b[0] == '[':
			kind = "array"
		case bytes.Equal(b, []byte("null")):
			kind = "null"
		}
		return fmt.Errorf("a rule setting is a severity (\"warning\", \"off\", ...), true/false, or {\"severity\": ..., \"options\": {...}}, not %s", kind)
	}
	type plain RuleConfig
	var p plain
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return fmt.Errorf("a rule setting is a severity (\"warning\", \"off\", ...) or {\"severity\": ..., \"options\": {...}}: %w", err)
	}
	*rc = RuleConfig(p)
	return nil
}

func (rc RuleConfig) MarshalJSON() ([]byte, error) {
	if len(rc.Options) == 0 {
		return json.Marshal(rc.Severity.String())
	}
	type plain RuleConfig
	return json.Marshal(plain(rc))
}

// ParseConfig parses config JSON. name is used in error messages; known
// lists the valid rule ids. Errors say where the problem is.
func ParseConfig(data []byte, name string, known []string) (*Config, error) {
	var cfg Config
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cfg); err != nil {
		return nil, configError(name, data, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: unexpected content after the configuration object", name)
	}
	if err := cfg.Validate(known); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &cfg, nil
}

// Validate checks rule ids and globs.
func (c *Config) Validate(known []string) error {
	knownSet := make(map[string]bool, len(known))
	for _, k := range known {
		knownSet[k] = true
	}
	var unknown []string
	for id := range c.Rules {
		if !knownSet[id] {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fmt.Errorf("unknown rule %s (run `leakwatch rules` to list them)", quoteList(unknown))
	}
	for _, g := range c.Ignore {
		if err := validGlob(g); err != nil {
			return fmt.Errorf("ignore pattern %q: %w", g, err)
		}
	}
	if _, err := apis.Builtin().Extend(c.Owners.ListenerPairs); err != nil {
		return fmt.Errorf("owners.%w", err)
	}
	return nil
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}

// configError turns a JSON decoding error into "file:line:col: what".
func configError(name string, data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := lineCol(data, int(syn.Offset))
		return fmt.Errorf("%s:%d:%d: invalid JSON: %v", name, line, col, syn)
	case errors.As(err, &typ):
		line, col := lineCol(data, int(typ.Offset))
		field := typ.Field
		if field == "" {
			field = "value"
		}
		return fmt.Errorf("%s:%d:%d: %s must be %s, not %s", name, line, col, field, jsonTypeName(typ.Type.String()), typ.Value)
	case errors.Is(err, io.EOF):
		return fmt.Errorf("%s: empty file (write {} for defaults)", name)
	}
	return fmt.Errorf("%s: %v", name, err)
}

func jsonTypeName(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "an array"
	case strings.HasPrefix(goType, "map"), strings.Contains(goType, "Config"):
		return "an object"
	case goType == "string":
		return "a string"
	}
	return goType
}

func lineCol(data []byte, off int) (int, int) {
	if off > len(data) {
		off = len(data)
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(data[:off], '\n')
	return line, col
}

// LoadConfigFile reads and parses one config file.
func LoadConfigFile(path string, known []string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	cfg, err := ParseConfig(data, path, known)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err == nil {
		cfg.Path = abs
		cfg.Dir = filepath.Dir(abs)
	}
	return cfg, nil
}

// FindConfigFile returns the nearest .leakwatch.json in dir or its parents,
// or "" when there is none.
func FindConfigFile(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, ConfigFileName)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Merge returns c overridden by o: o's rule settings replace c's, ignore
// lists and owner names are added.
func (c *Config) Merge(o *Config) *Config {
	out := &Config{Dir: c.Dir, Path: c.Path}
	out.Rules = make(map[string]RuleConfig, len(c.Rules)+len(o.Rules))
	for k, v := range c.Rules {
		out.Rules[k] = v
	}
	for k, v := range o.Rules {
		out.Rules[k] = v
	}
	out.Ignore = append(append([]string(nil), c.Ignore...), o.Ignore...)
	out.Owners.EffectHooks = append(append([]string(nil), c.Owners.EffectHooks...), o.Owners.EffectHooks...)
	out.Owners.TeardownMethods = append(append([]string(nil), c.Owners.TeardownMethods...), o.Owners.TeardownMethods...)
	out.Owners.LongLived = append(append([]string(nil), c.Owners.LongLived...), o.Owners.LongLived...)
	if len(c.Owners.ListenerPairs)+len(o.Owners.ListenerPairs) > 0 {
		out.Owners.ListenerPairs = make(map[string]string)
		for k, v := range c.Owners.ListenerPairs {
			out.Owners.ListenerPairs[k] = v
		}
		for k, v := range o.Owners.ListenerPairs {
			out.Owners.ListenerPairs[k] = v
		}
	}
	if len(c.Packages)+len(o.Packages) > 0 {
		out.Packages = make(map[string]string)
		for k, v := range c.Packages {
			out.Packages[k] = v
		}
		for k, v := range o.Packages {
			out.Packages[k] = v
		}
	}
	return out
}

// Ignored reports whether path (absolute or relative to the working
// folder) matches one of the ignore globs.
func (c *Config) Ignored(path string) bool {
	if c == nil || len(c.Ignore) == 0 {
		return false
	}
	rel := path
	if c.Dir != "" {
		if abs, err := filepath.Abs(path); err == nil {
			if r, err := filepath.Rel(c.Dir, abs); err == nil && !strings.HasPrefix(r, "..") {
				rel = r
			}
		}
	}
	rel = filepath.ToSlash(rel)
	for _, g := range c.Ignore {
		if MatchGlob(g, rel) {
			return true
		}
	}
	return false
}
