package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/leakwatch/leakwatch/analyzer"
)

// configSet finds the configuration for each file: the --config file for
// all of them, or else the nearest .leakwatch.json above the file. Results
// are cached per folder, so a tree of thousands of files reads each config
// file once and stats each folder once.
type configSet struct {
	eng *analyzer.Engine
	sel *ruleSelection

	fixed    *analyzer.Config // from --config
	hasFixed bool

	mu    sync.Mutex
	dirs  map[string]configResult // absolute folder -> its config
	files map[string]configResult // absolute config path -> parsed
}

type configResult struct {
	cfg *analyzer.Config
	err error
}

// errConfig marks configuration errors: they end the run with exit code 2.
type errConfig struct{ err error }

func (e *errConfig) Error() string { return e.err.Error() }
func (e *errConfig) Unwrap() error { return e.err }

func newConfigSet(eng *analyzer.Engine, sel *ruleSelection, explicit string) (*configSet, error) {
	c := &configSet{eng: eng, sel: sel, dirs: map[string]configResult{}, files: map[string]configResult{}}
	if explicit != "" {
		cfg, err := c.load(explicit)
		if err != nil {
			return nil, err
		}
		c.fixed, c.hasFixed = cfg, true
	}
	return c, nil
}

// forFile returns the configuration for the file at abs; nil means the
// defaults.
func (c *configSet) forFile(abs string) (*analyzer.Config, error) {
	return c.forDir(filepath.Dir(abs))
}

func (c *configSet) forDir(dir string) (*analyzer.Config, error) {
	if c.hasFixed {
		return c.fixed, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.forDirLocked(dir)
}

func (c *configSet) forDirLocked(dir string) (*analyzer.Config, error) {
	if r, ok := c.dirs[dir]; ok {
		return r.cfg, r.err
	}
	var r configResult
	p := filepath.Join(dir, analyzer.ConfigFileName)
	st, statErr := os.Stat(p)
	switch {
	case statErr == nil && st.Mode().IsRegular():
		r = c.file(p)
	case statErr == nil:
		r.err = &errConfig{fmt.Errorf("%s: is not a regular file", displayPath(p))}
	case !errors.Is(statErr, fs.ErrNotExist):
		// A config we cannot even stat (permission denied on the folder)
		// may hold settings the user relies on: fail, do not guess.
		r.err = &errConfig{fmt.Errorf("%s: %s", displayPath(p), describeErr(statErr))}
	default:
		if parent := filepath.Dir(dir); parent != dir {
			r.cfg, r.err = c.forDirLocked(parent)
		} else {
			r.cfg = c.sel.apply(nil, c.eng)
		}
	}
	c.dirs[dir] = r
	return r.cfg, r.err
}

func (c *configSet) file(abs string) configResult {
	if r, ok := c.files[abs]; ok {
		return r
	}
	cfg, err := c.load(abs)
	r := configResult{cfg, err}
	c.files[abs] = r
	return r
}

// load reads and validates one config file and lays --rules over it.
func (c *configSet) load(path string) (*analyzer.Config, error) {
	name := displayPath(path)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &errConfig{fmt.Errorf("%s: cannot read the configuration: %s", name, describeErr(err))}
	}
	known := c.eng.RuleIDs()
	cfg, err := analyzer.ParseConfig(data, name, known)
	if err != nil {
		return nil, &errConfig{locateConfigError(name, data, err, known)}
	}
	if abs, err := filepath.Abs(path); err == nil {
		cfg.Path, cfg.Dir = abs, filepath.Dir(abs)
	}
	return c.sel.apply(cfg, c.eng), nil
}

// ignoredBy returns why cfg's "ignore" globs exclude abs, or "".
func ignoredBy(cfg *analyzer.Config, abs string) string {
	if cfg == nil || !cfg.Ignored(abs) {
		return ""
	}
	where := "the configuration"
	if cfg.Path != "" {
		where = displayPath(cfg.Path)
	}
	rel := abs
	if cfg.Dir != "" {
		if r, err := filepath.Rel(cfg.Dir, abs); err == nil {
			rel = r
		}
	}
	for _, g := range cfg.Ignore {
		if analyzer.MatchGlob(g, filepath.ToSlash(rel)) {
			return fmt.Sprintf("ignored by %q in %s", g, where)
		}
	}
	return "ignored by " + where
}

// displayPath shows a path relative to the working folder when it is
// below it, as the user would type it.
func displayPath(p string) string {
	if !filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return rel
	}
	return p
}

// describeErr is the part of an I/O error worth showing after the path
// the message already starts with ("permission denied").
func describeErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	var se *os.SyscallError
	if errors.As(err, &se) {
		return se.Err.Error()
	}
	return err.Error()
}
