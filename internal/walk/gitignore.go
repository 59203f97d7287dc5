package walk

import (
	"bufio"
	"bytes"
	"path"
	"strconv"
	"strings"
)

// ignoreFile is one parsed .gitignore (or .git/info/exclude). Its patterns
// are relative to Dir, the folder the file is in.
type ignoreFile struct {
	Dir      string // absolute, slash-separated
	Source   string // the file the patterns came from, for -v messages
	patterns []pattern
}

// pattern is one line of a .gitignore.
type pattern struct {
	line     int
	negate   bool     // "!pat" re-includes what an earlier pattern excluded
	dirOnly  bool     // "pat/" matches folders only
	anchored bool     // a slash at the start or in the middle ties it to Dir
	segs     []string // slash-separated glob segments; "**" spans folders
}

// parseIgnore reads .gitignore syntax as git documents it (gitignore(5)).
func parseIgnore(dir, source string, data []byte) *ignoreFile {
	f := &ignoreFile{Dir: dir, Source: source}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if p, ok := parsePattern(line); ok {
			p.line = n
			f.patterns = append(f.patterns, p)
		}
	}
	return f
}

func parsePattern(line string) (pattern, bool) {
	var p pattern
	line = trimTrailingSpaces(line)
	if line == "" || line[0] == '#' {
		return p, false
	}
	if line[0] == '!' {
		p.negate = true
		line = line[1:]
	} else if strings.HasPrefix(line, `\!`) || strings.HasPrefix(line, `\#`) {
		line = line[1:]
	}
	if strings.HasSuffix(line, "/") {
		p.dirOnly = true
		line = strings.TrimRight(line, "/")
	}
	if line == "" {
		return p, false
	}
	if strings.Contains(line, "/") {
		p.anchored = true
		line = strings.TrimPrefix(line, "/")
	}
	for _, s := range strings.Split(line, "/") {
		if s == "" {
			continue // "a//b" means "a/b"
		}
		if s != "**" {
			s = translateGlob(s)
			// git ignores patterns it cannot parse; so do we.
			if _, err := path.Match(s, ""); err != nil {
				return p, false
			}
		}
		p.segs = append(p.segs, s)
	}
	if len(p.segs) == 0 {
		return p, false
	}
	if !p.anchored {
		// Without a slash the pattern matches a name at any depth.
		p.segs = append([]string{"**"}, p.segs...)
	}
	return p, true
}

// trimTrailingSpaces drops trailing blanks unless escaped with a backslash.
func trimTrailingSpaces(s string) string {
	for strings.HasSuffix(s, " ") || strings.HasSuffix(s, "\t") {
		if strings.HasSuffix(s, `\ `) {
			return s
		}
		s = s[:len(s)-1]
	}
	return s
}

// translateGlob turns fnmatch's "[!...]" into path.Match's "[^...]".
func translateGlob(s string) string {
	if !strings.Contains(s, "[!") {
		return s
	}
	return strings.ReplaceAll(s, "[!", "[^")
}

// match reports whether rel (slash-separated, relative to the file's Dir)
// matches p.
func (p *pattern) match(rel string, isDir bool) bool {
	if p.dirOnly && !isDir {
		return false
	}
	return matchSegs(p.segs, strings.Split(rel, "/"))
}

// matchSegs matches the whole name, unlike analyzer.MatchGlob which also
// accepts a prefix: in git, ignoring a folder is what hides its contents,
// and the walker never descends into an ignored folder.
func matchSegs(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			rest := pat[1:]
			if len(rest) == 0 {
				return len(name) > 0 // "a/**" matches what is inside a, not a
			}
			for i := 0; i < len(name); i++ {
				if matchSegs(rest, name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// ignoreStack is the .gitignore files that apply in one folder, outermost
// first. It is shared by the folders below, which only append to a copy.
type ignoreStack []*ignoreFile

// Verdict says what the last matching pattern decided.
type verdict struct {
	ignored bool
	source  string // "path/.gitignore:3" of the deciding pattern
}

// match applies every file from the outermost in; the last match wins, as
// in git, so a deeper .gitignore can re-include with "!".
func (s ignoreStack) match(abs string, isDir bool) (verdict, bool) {
	var v verdict
	found := false
	for _, f := range s {
		rel, ok := relSlash(f.Dir, abs)
		if !ok {
			continue
		}
		for i := range f.patterns {
			p := &f.patterns[i]
			if p.match(rel, isDir) {
				v = verdict{ignored: !p.negate, source: f.Source + ":" + strconv.Itoa(p.line)}
				found = true
			}
		}
	}
	return v, found
}

// relSlash returns abs relative to dir when abs is strictly inside dir.
// Both are slash-separated absolute paths.
func relSlash(dir, abs string) (string, bool) {
	if dir == "/" {
		if len(abs) > 1 && abs[0] == '/' {
			return abs[1:], true
		}
		return "", false
	}
	if len(abs) <= len(dir) || !strings.HasPrefix(abs, dir) || abs[len(dir)] != '/' {
		return "", false
	}
	return abs[len(dir)+1:], true
}
