package analyzer

import (
	"regexp"
	"sort"
	"strings"
)

// A single-file component's markup binds some of its script's functions to
// the events of child components (`<Ckeditor @ready="onEditorReady">`,
// Svelte's `<Map on:load={onMapLoad}>`). What such a handler is given is
// the child's: the editor or map it made, a part of the component's own
// markup that goes when the template does. The script never shows these
// calls, so the engine reads their names from the markup it blanks
// (lifecycle.Component.ChildHandlers).

// handlerValue matches an attribute value that names one function
// (`onReady`, `onReady($event)`), not an inline expression.
var handlerValue = regexp.MustCompile(`^\s*([A-Za-z_$][\w$]*)\s*(\(\s*\$event\s*\))?\s*$`)

// childHandlers returns the names the markup outside the script blocks
// binds to a child component's events and to nothing else: a name also
// bound to a plain element's event may be given a DOM event there.
func childHandlers(src []byte, blocks []scriptBlock, kind string) []string {
	child, other := map[string]bool{}, map[string]bool{}
	inScript := func(i int) (int, bool) {
		for _, b := range blocks {
			if i >= b.start && i < b.end {
				return b.end, true
			}
		}
		return 0, false
	}
	for i := 0; i < len(src); i++ {
		if end, ok := inScript(i); ok {
			i = end - 1
			continue
		}
		if src[i] != '<' || i+1 >= len(src) {
			continue
		}
		if strings.HasPrefix(string(src[i:min(i+4, len(src))]), "<!--") {
			if end := strings.Index(string(src[i+4:]), "-->"); end >= 0 {
				i += 4 + end + 2
				continue
			}
			break
		}
		c := src[i+1]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			continue
		}
		j := i + 1
		for j < len(src) && (isNameByte(src[j]) || src[j] == '.' || src[j] == ':') {
			j++
		}
		tag := string(src[i+1 : j])
		isChild := tag[0] >= 'A' && tag[0] <= 'Z' || kind == "vue" && strings.Contains(tag, "-")
		end := eachAttribute(src, j, func(name, value string) {
			event := ""
			switch {
			case kind == "vue" && strings.HasPrefix(name, "@"):
				event = name[1:]
			case kind == "vue" && strings.HasPrefix(name, "v-on:"):
				event = name[len("v-on:"):]
			case kind == "svelte" && strings.HasPrefix(name, "on:"):
				event = name[len("on:"):]
				value = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(value), "{"), "}")
			}
			if event == "" {
				return
			}
			m := handlerValue.FindStringSubmatch(value)
			if m == nil {
				return
			}
			if isChild {
				child[m[1]] = true
			} else {
				other[m[1]] = true
			}
		})
		if end < len(src) && src[end] == '<' {
			end-- // a tag left open: the next one starts here
		}
		i = end
	}
	var out []string
	for n := range child {
		if !other[n] {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// eachAttribute calls fn with each attribute of the tag whose name ends at
// i, honouring quotes and Svelte's braces, and returns the offset of the
// tag's closing '>' (or the end of src).
func eachAttribute(src []byte, i int, fn func(name, value string)) int {
	for i < len(src) {
		for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r' || src[i] == '/') {
			i++
		}
		if i >= len(src) || src[i] == '>' || src[i] == '<' {
			return i
		}
		start := i
		for i < len(src) && src[i] != '=' && src[i] != '>' && src[i] != ' ' && src[i] != '\t' && src[i] != '\n' && src[i] != '\r' && src[i] != '/' {
			if src[i] == '{' { // Svelte's {attr} or {...spread}
				i = skipBraces(src, i)
				continue
			}
			i++
		}
		name := string(src[start:i])
		if i >= len(src) || src[i] != '=' {
			continue
		}
		i++
		vStart, vEnd := i, i
		switch {
		case i < len(src) && (src[i] == '"' || src[i] == '\''):
			q := src[i]
			k := i + 1
			for k < len(src) && src[k] != q {
				k++
			}
			if k >= len(src) {
				return k // the file ends inside the value
			}
			vStart, vEnd, i = i+1, k, k+1
		case i < len(src) && src[i] == '{':
			k := skipBraces(src, i)
			if k >= len(src) && src[len(src)-1] != '}' {
				return k // the file ends inside the braces
			}
			vEnd, i = k, k
		default:
			for i < len(src) && src[i] != '>' && src[i] != ' ' && src[i] != '\t' && src[i] != '\n' && src[i] != '\r' {
				i++
			}
			vEnd = i
		}
		fn(name, string(src[vStart:min(vEnd, len(src))]))
	}
	return i
}

// skipBraces returns the offset just past the '}' matching the '{' at i.
func skipBraces(src []byte, i int) int {
	depth := 0
	for ; i < len(src); i++ {
		switch src[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return i
}
