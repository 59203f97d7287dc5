package analyzer

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Single-file components (.vue, .svelte) are analysed through their script
// blocks. Instead of cutting the blocks out and mapping positions back, the
// engine blanks everything outside them (byte for byte, keeping line
// breaks), so every offset in the masked text is the same offset in the
// original file: diagnostics, related locations and fix edits need no
// translation, in the CLI and in the language server alike.

// ComponentExtensions are the single-file component formats.
var ComponentExtensions = map[string]string{".vue": "vue", ".svelte": "svelte"}

// IsComponentFile reports whether path is a .vue or .svelte file.
func IsComponentFile(path string) bool {
	_, ok := ComponentExtensions[strings.ToLower(filepath.Ext(path))]
	return ok
}

type scriptBlock struct {
	start, end int // the script's content, between the tags
	lang       string
	setup      bool // Vue <script setup>
	module     bool // Svelte <script context="module"> / <script module>
}

// findScripts returns the top-level <script> blocks of a component file.
func findScripts(src []byte) []scriptBlock {
	var out []scriptBlock
	// ASCII-only lowering keeps offsets: bytes.ToLower would rewrite
	// invalid UTF-8 into longer replacement characters.
	lower := make([]byte, len(src))
	for i, c := range src {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	i := 0
	for {
		j := bytes.Index(lower[i:], []byte("<script"))
		if j < 0 {
			return out
		}
		j += i
		// Skip HTML comments that contain <script.
		if c := bytes.LastIndex(lower[i:j], []byte("<!--")); c >= 0 && !bytes.Contains(lower[i+c:j], []byte("-->")) {
			end := bytes.Index(lower[j:], []byte("-->"))
			if end < 0 {
				return out
			}
			i = j + end + 3
			continue
		}
		after := j + len("<script")
		if after >= len(src) || !(src[after] == '>' || src[after] == ' ' || src[after] == '\t' || src[after] == '\n' || src[after] == '\r') {
			i = after
			continue
		}
		tagEnd := bytes.IndexByte(src[after:], '>')
		if tagEnd < 0 {
			return out
		}
		attrs := string(src[after : after+tagEnd])
		contentStart := after + tagEnd + 1
		closeAt := bytes.Index(lower[contentStart:], []byte("</script"))
		if closeAt < 0 {
			return out
		}
		b := scriptBlock{start: contentStart, end: contentStart + closeAt}
		b.lang = attrValue(attrs, "lang")
		_, b.setup = attrPresent(attrs, "setup")
		if v, ok := attrPresent(attrs, "context"); ok && v == "module" {
			b.module = true
		}
		if _, ok := attrPresent(attrs, "module"); ok {
			b.module = true
		}
		if src := attrValue(attrs, "src"); src == "" {
			out = append(out, b)
		}
		i = b.end
	}
}

// attrPresent finds an attribute by name and returns its value (possibly
// empty for a bare attribute).
func attrPresent(attrs, name string) (string, bool) {
	fields := strings.Fields(strings.TrimSuffix(attrs, "/"))
	for _, f := range fields {
		k, v, hasValue := strings.Cut(f, "=")
		if !strings.EqualFold(k, name) {
			continue
		}
		if !hasValue {
			return "", true
		}
		return strings.Trim(v, `"'`), true
	}
	return "", false
}

func attrValue(attrs, name string) string {
	v, _ := attrPresent(attrs, name)
	return strings.ToLower(v)
}

// maskComponent returns the component's source with everything outside
// the script blocks blanked, the grammar to parse it with, and the
// lifecycle settings for its instance scripts.
func maskComponent(path string, src []byte) ([]byte, syntax.Lang, lifecycle.Component, bool) {
	kind := ComponentExtensions[strings.ToLower(filepath.Ext(path))]
	blocks := findScripts(src)
	if len(blocks) == 0 {
		return nil, 0, lifecycle.Component{}, false
	}
	masked := make([]byte, len(src))
	for i, c := range src {
		if c == '\n' || c == '\r' {
			masked[i] = c
		} else {
			masked[i] = ' '
		}
	}
	lang := syntax.JavaScript
	comp := lifecycle.Component{Framework: kind}
	for _, b := range blocks {
		copy(masked[b.start:b.end], src[b.start:b.end])
		comp.Scripts = append(comp.Scripts, lifecycle.Range{Start: b.start, End: b.end})
		switch b.lang {
		case "ts", "typescript":
			if lang == syntax.JavaScript {
				lang = syntax.TypeScript
			}
		case "tsx":
			lang = syntax.TSX
		}
		// The instance script runs once per component instance: Vue's
		// <script setup> and Svelte's plain <script>.
		instance := (kind == "vue" && b.setup) || (kind == "svelte" && !b.module)
		if instance {
			comp.Instance = append(comp.Instance, lifecycle.Range{Start: b.start, End: b.end})
		}
	}
	comp.ChildHandlers = childHandlers(src, blocks, kind)
	return masked, lang, comp, true
}

// shiftComponent moves a component's script ranges to where they are after
// edits (used when validating a fix on the edited text).
func shiftComponent(c lifecycle.Component, edits []Edit) lifecycle.Component {
	shift := func(rs []lifecycle.Range) []lifecycle.Range {
		out := make([]lifecycle.Range, len(rs))
		for i, r := range rs {
			out[i] = lifecycle.Range{Start: mapOffset(r.Start, edits), End: mapOffsetEnd(r.End, edits)}
		}
		return out
	}
	return lifecycle.Component{Framework: c.Framework, Instance: shift(c.Instance), Scripts: shift(c.Scripts), ChildHandlers: c.ChildHandlers}
}

// mapOffsetEnd is mapOffset for the end of a range: an insertion exactly at
// the end belongs inside the range.
func mapOffsetEnd(off int, edits []Edit) int {
	delta := 0
	for _, e := range edits {
		if e.End <= off && e.Start <= off {
			delta += len(e.NewText) - (e.End - e.Start)
		}
	}
	return off + delta
}

// ScriptSource returns the text the engine parses for a file and its
// grammar: the file itself, or for a .vue or .svelte file the file with
// everything outside its script blocks blanked (offsets unchanged).
func ScriptSource(path string, src []byte) ([]byte, syntax.Lang, bool) {
	f, lang, _, reason := prepare(File{Path: path, Src: src})
	if reason != "" {
		return nil, 0, false
	}
	return f.Src, grammarFor(f, lang), true
}
