package facts

import (
	"bytes"
	"crypto/sha256"
	"path/filepath"
	"regexp"
	"strings"
)

// An Angular application's shell is what its root component's template
// renders unconditionally: the header, the sidebar, the footer around the
// <router-outlet>. Angular creates those components when the application
// starts and destroys them only with it, so a subscription one of them
// keeps for its whole life is no leak. The template is another file (or a
// string in the root component), so the shell is a fact of the project,
// not of the component's own file.
type shell struct {
	// files are the root component and its template file, if any.
	files []string
	// sum identifies their contents, for cached results.
	sum Sum
	// selectors are the element names the template renders
	// unconditionally, outside any structural directive or control-flow
	// block.
	selectors map[string]bool
}

// rootComponentNames are where the Angular CLI puts the root component,
// tried in each folder from the analysed file up to the project's root:
// src/app/app.component.ts (app.ts since Angular 20), next to the file or
// in an app folder below.
var rootComponentNames = []string{"app.component.ts", "app.ts", "app/app.component.ts", "app/app.ts"}

var (
	rootSelector = regexp.MustCompile(`selector:\s*['"]([\w-]+-root)['"]`)
	templateURL  = regexp.MustCompile(`templateUrl:\s*['"]([^'"]+)['"]`)
	inlineStart  = regexp.MustCompile("template:\\s*`")
)

// InAppShell reports whether the root component of the Angular
// application the file belongs to renders selector unconditionally.
func (v *view) InAppShell(selector string) bool {
	s := v.p.shellFor(v.from)
	return s != nil && s.selectors[selector]
}

// shellFor returns the shell of the application file belongs to, or nil
// when no root component is found between its folder and the project's
// root.
func (p *Program) shellFor(file string) *shell {
	root := p.rootComponent(filepath.Dir(file))
	if root == "" {
		return nil
	}
	p.mu.Lock()
	s, ok := p.shells[root]
	p.mu.Unlock()
	if ok {
		return s
	}
	s = p.readShell(root)
	p.mu.Lock()
	p.shells[root] = s
	p.mu.Unlock()
	return s
}

// rootComponent finds the root component file for a folder, remembering
// the answer per folder.
func (p *Program) rootComponent(dir string) string {
	p.mu.Lock()
	root, ok := p.shellRoots[dir]
	p.mu.Unlock()
	if ok {
		return root
	}
	for d, i := dir, 0; i < maxShellDepth; d, i = filepath.Dir(d), i+1 {
		for _, name := range rootComponentNames {
			if f := filepath.Join(d, filepath.FromSlash(name)); p.Resolver.FS.IsFile(f) && p.isRootComponent(f) {
				root = f
				break
			}
		}
		if root != "" || d == p.Resolver.Root || filepath.Dir(d) == d {
			break
		}
	}
	p.mu.Lock()
	p.shellRoots[dir] = root
	p.mu.Unlock()
	return root
}

// maxShellDepth bounds the folders walked up to find a root component.
const maxShellDepth = 12

func (p *Program) isRootComponent(f string) bool {
	data, err := p.Resolver.FS.ReadFile(f)
	return err == nil && len(data) <= maxFactSize && rootSelector.Match(data)
}

// readShell reads the root component's template and the elements it
// renders unconditionally.
func (p *Program) readShell(root string) *shell {
	s := &shell{files: []string{root}, selectors: map[string]bool{}}
	h := sha256.New()
	src, err := p.Resolver.FS.ReadFile(root)
	if err != nil {
		return s
	}
	h.Write(src)
	var tpl string
	if m := templateURL.FindSubmatch(src); m != nil {
		f := filepath.Join(filepath.Dir(root), filepath.FromSlash(string(m[1])))
		s.files = append(s.files, f)
		data, err := p.Resolver.FS.ReadFile(f)
		if err == nil && len(data) <= maxFactSize {
			h.Write([]byte{0})
			h.Write(data)
			tpl = string(data)
		}
	} else if loc := inlineStart.FindIndex(src); loc != nil {
		rest := string(src[loc[1]:])
		if end := strings.IndexByte(rest, '`'); end >= 0 {
			tpl = rest[:end]
		}
	}
	h.Sum(s.sum[:0])
	for tag := range unconditionalElements(tpl) {
		if strings.Contains(tag, "-") {
			s.selectors[tag] = true
		}
	}
	return s
}

// forgetShells drops what is known about shells when a file that can
// change one changes: a root component, a template, or any folder's
// answer (a root component may appear).
func (p *Program) forgetShells(path string) {
	base := filepath.Base(path)
	if filepath.Ext(path) != ".html" && base != "app.component.ts" && base != "app.ts" {
		return
	}
	p.mu.Lock()
	p.shells = map[string]*shell{}
	p.shellRoots = map[string]string{}
	p.mu.Unlock()
}

// shellDigest adds the shell's files to a digest of what a file's
// analysis depends on, when the file declares an Angular component.
func (p *Program) shellDigest(file string, src []byte, write func([]byte), seen map[string]bool) {
	if !bytes.Contains(src, []byte("@Component")) {
		return
	}
	s := p.shellFor(file)
	if s == nil {
		return
	}
	write([]byte("\x00shell\x00"))
	write(s.sum[:])
	for _, f := range s.files {
		seen[f] = true
	}
}
