package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/internal/packagejson"
)

// The configuration of a file is, from weakest to strongest: the rules'
// defaults, the nearest .leakwatch.json, the client's initializationOptions,
// and the settings of the last workspace/didChangeConfiguration.

// settings is what the client can send in initializationOptions or
// didChangeConfiguration: leakwatch config keys (rules, ignore, owners),
// either at the top level or under "leakwatch", plus server options:
//
//	debounceMs      delay before analysing an edit (0: at once)
//	diagnosticMode  "push", "pull" or "auto"
//	maxFileSize     bytes; larger documents are not analysed (0: no limit)
//	parseTimeoutMs  parse budget per document (0: no limit)
//	statusNotifications  true: send $/leakwatch/status on every change
//	                (initializationOptions only; see status.go)
//	workspaceDiagnostics  false: do not offer workspace/diagnostic to pull
//	                clients (initializationOptions only)
//
// A document over a limit gets no diagnostics, and the user is told so in
// a window/logMessage.
type settings struct {
	config *analyzer.Config // nil when no config key was given
	// debounce overrides the delay before analysing an edit.
	debounce *time.Duration
	// diagnosticMode "push" forces push diagnostics on a client that
	// declares pull support.
	diagnosticMode string
	// maxFileSize and parseTimeout override the engine's limits (nil:
	// keep them; zero: no limit).
	maxFileSize  *int64
	parseTimeout *time.Duration
	// statusNotifications asks for $/leakwatch/status notifications.
	statusNotifications bool
	// noWorkspaceDiagnostics keeps workspace/diagnostic from pull clients,
	// which would otherwise analyse the whole workspace at start.
	noWorkspaceDiagnostics bool
}

// configKeys are the keys of analyzer.Config; everything else is a server
// option or belongs to someone else and is ignored.
var configKeys = map[string]bool{"rules": true, "ignore": true, "owners": true}

func parseSettings(raw []byte, name string, known []string) (settings, error) {
	var out settings
	if empty(raw) {
		return out, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return out, fmt.Errorf("%s must be an object: %v", name, err)
	}
	if nested, ok := obj["leakwatch"]; ok {
		obj = nil
		if empty(nested) {
			return out, nil
		}
		if err := json.Unmarshal(nested, &obj); err != nil {
			return out, fmt.Errorf("%s.leakwatch must be an object: %v", name, err)
		}
		name += ".leakwatch"
	}
	var errs []string
	if v, ok := obj["debounceMs"]; ok {
		var ms float64
		if err := json.Unmarshal(v, &ms); err != nil || ms < 0 {
			errs = append(errs, fmt.Sprintf("%s.debounceMs must be a number of milliseconds, not %s", name, v))
		} else {
			d := time.Duration(ms * float64(time.Millisecond))
			out.debounce = &d
		}
	}
	if v, ok := obj["maxFileSize"]; ok {
		var n float64
		if err := json.Unmarshal(v, &n); err != nil || n < 0 || n > math.MaxInt64 || n != math.Trunc(n) {
			errs = append(errs, fmt.Sprintf("%s.maxFileSize must be a whole number of bytes (0 for no limit), not %s", name, v))
		} else {
			size := int64(n)
			out.maxFileSize = &size
		}
	}
	if v, ok := obj["parseTimeoutMs"]; ok {
		var ms float64
		if err := json.Unmarshal(v, &ms); err != nil || ms < 0 || ms > float64(math.MaxInt64/int64(time.Millisecond)) {
			errs = append(errs, fmt.Sprintf("%s.parseTimeoutMs must be a number of milliseconds (0 for no limit), not %s", name, v))
		} else {
			d := time.Duration(ms * float64(time.Millisecond))
			out.parseTimeout = &d
		}
	}
	if v, ok := obj["statusNotifications"]; ok {
		if err := json.Unmarshal(v, &out.statusNotifications); err != nil {
			errs = append(errs, fmt.Sprintf("%s.statusNotifications must be true or false, not %s", name, v))
		}
	}
	if v, ok := obj["workspaceDiagnostics"]; ok {
		var on bool
		if err := json.Unmarshal(v, &on); err != nil {
			errs = append(errs, fmt.Sprintf("%s.workspaceDiagnostics must be true or false, not %s", name, v))
		} else {
			out.noWorkspaceDiagnostics = !on
		}
	}
	if v, ok := obj["diagnosticMode"]; ok {
		if err := json.Unmarshal(v, &out.diagnosticMode); err != nil ||
			(out.diagnosticMode != "push" && out.diagnosticMode != "pull" && out.diagnosticMode != "auto") {
			errs = append(errs, fmt.Sprintf("%s.diagnosticMode must be \"push\", \"pull\" or \"auto\", not %s", name, v))
			out.diagnosticMode = ""
		}
	}
	cfgObj := make(map[string]json.RawMessage)
	for k, v := range obj {
		if configKeys[k] {
			cfgObj[k] = v
		}
	}
	if len(cfgObj) > 0 {
		data, _ := json.Marshal(cfgObj)
		cfg, err := analyzer.ParseConfig(data, name, known)
		if err != nil {
			errs = append(errs, err.Error())
		} else {
			out.config = cfg
		}
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return out, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return out, nil
}

// empty reports a missing value. An empty array counts too: Lua clients
// (Neovim) cannot tell an empty object from an empty array and send [].
func empty(raw []byte) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || bytes.Equal(raw, []byte("null")) || bytes.Equal(raw, []byte("[]"))
}

// configStore answers "which config applies to this file", caching the
// config file found for each folder until a config file changes.
type configStore struct {
	known []string
	log   *logger

	mu sync.Mutex
	// root is the first workspace folder: ignore globs from the client's
	// settings are relative to it.
	root      string
	initOpts  *analyzer.Config
	settings  *analyzer.Config
	overrides *analyzer.Config // initOpts merged with settings
	byDir     map[string]*fileConfig
	// packages reads the package.json nearest each file (read once per
	// folder for the session).
	packages packagejson.Finder
}

type fileConfig struct {
	cfg *analyzer.Config // nil when there is no config file or it is broken
	err error
}

func newConfigStore(known []string, log *logger) *configStore {
	return &configStore{known: known, log: log, byDir: make(map[string]*fileConfig)}
}

func (c *configStore) setInitOptions(cfg *analyzer.Config, root string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.initOpts = cfg
	c.root = root
	c.rebuildLocked()
}

func (c *configStore) setSettings(cfg *analyzer.Config) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.settings = cfg
	c.rebuildLocked()
}

func (c *configStore) rebuildLocked() {
	o := &analyzer.Config{Dir: c.root}
	if c.initOpts != nil {
		o = o.Merge(c.initOpts)
	}
	if c.settings != nil {
		o = o.Merge(c.settings)
	}
	c.overrides = o
}

// forget drops the cached config files, after one changed on disk.
func (c *configStore) forget() {
	c.mu.Lock()
	c.byDir = make(map[string]*fileConfig)
	c.mu.Unlock()
}

// forPath returns the config for a file path and whether the file is
// ignored by it. Paths that are not files (untitled buffers) get the
// client's settings only.
func (c *configStore) forPath(path string) (*analyzer.Config, bool) {
	c.mu.Lock()
	overrides := c.overrides
	if overrides == nil {
		c.rebuildLocked()
		overrides = c.overrides
	}
	var fc *fileConfig
	if filepath.IsAbs(path) {
		dir := filepath.Dir(path)
		fc = c.byDir[dir]
		if fc == nil {
			fc = &fileConfig{}
			if p := analyzer.FindConfigFile(dir); p != "" {
				fc.cfg, fc.err = analyzer.LoadConfigFile(p, c.known)
				if fc.err != nil {
					c.log.configErrorf("%v; using the defaults until it is fixed", fc.err)
				}
			}
			c.byDir[dir] = fc
		}
	}
	c.mu.Unlock()

	cfg := overrides
	if fc != nil && fc.cfg != nil {
		cfg = fc.cfg.Merge(overrides)
	}
	if filepath.IsAbs(path) {
		// Fixes write the teardown of the project's framework version.
		cfg = c.packages.With(cfg, path)
	}
	return cfg, cfg.Ignored(path)
}

// didChangeConfiguration takes the client's leakwatch settings, given as
// {"leakwatch": {...}} or directly as {...}, and re-analyses the open
// documents with them.
func (s *server) didChangeConfiguration(ctx context.Context, raw jsonrpc2.RawMessage) {
	var p protocol.DidChangeConfigurationParams
	if err := decode(raw, &p); err != nil {
		s.log.warnf("didChangeConfiguration: %v", err)
		return
	}
	st, err := parseSettings(p.Settings, "settings", s.engine.RuleIDs())
	if err != nil {
		s.log.configErrorf("%v; keeping the previous settings", err)
		return
	}
	s.setHeapReport(p.Settings)
	s.mu.Lock()
	if st.debounce != nil {
		s.debounce = *st.debounce
	}
	s.applyLimitsLocked(st)
	s.mu.Unlock()
	s.cfg.setSettings(st.config)
	s.reanalyzeAll()
}

// didChangeWatchedFiles re-reads config files when one of them changed,
// was created or was deleted.
func (s *server) didChangeWatchedFiles(ctx context.Context, raw jsonrpc2.RawMessage) {
	var p protocol.DidChangeWatchedFilesParams
	if err := decode(raw, &p); err != nil {
		s.log.warnf("didChangeWatchedFiles: %v", err)
		return
	}
	s.facts.diskChanged(p.Changes)
	for _, ch := range p.Changes {
		if isHeapReport(uriPath(ch.URI)) {
			s.reanalyzeAll() // the evidence is re-read as the documents are analysed
			return
		}
		if filepath.Base(uriPath(ch.URI)) == analyzer.ConfigFileName {
			s.log.infof("%s changed; re-reading the configuration", uriPath(ch.URI))
			s.cfg.forget()
			s.reanalyzeAll()
			return
		}
	}
}
