package facts

import "strings"

// unconditionalElements returns the names of the elements an Angular
// template always renders: those not inside an element that carries a
// structural directive (*ngIf, *ngFor, any *attr), an <ng-template>, or a
// control-flow block (@if, @for, @switch, @defer and their branches).
//
// It is a scanner, not a parser: it reads tags, comments, interpolations
// and block braces. On a malformed template it errs toward fewer elements:
// an unterminated tag, comment or interpolation ends the scan.
func unconditionalElements(tpl string) map[string]bool {
	out := map[string]bool{}
	type frame struct {
		tag         string // "" for a control-flow block
		conditional bool
	}
	var stack []frame
	conditional := func() bool {
		for _, f := range stack {
			if f.conditional {
				return true
			}
		}
		return false
	}
	// closeTag pops up to the innermost open element named tag; a stray
	// end tag is ignored.
	closeTag := func(tag string) {
		for i := len(stack) - 1; i >= 0; i-- {
			if stack[i].tag == tag {
				stack = stack[:i]
				return
			}
			if stack[i].tag == "" {
				return // an element does not close across a block
			}
		}
	}
	for i := 0; i < len(tpl); {
		switch c := tpl[i]; {
		case strings.HasPrefix(tpl[i:], "<!--"):
			end := strings.Index(tpl[i+4:], "-->")
			if end < 0 {
				return out
			}
			i += 4 + end + 3
		case strings.HasPrefix(tpl[i:], "{{"):
			end := strings.Index(tpl[i+2:], "}}")
			if end < 0 {
				return out
			}
			i += 2 + end + 2
		case c == '<' && i+1 < len(tpl) && tpl[i+1] == '/':
			end := strings.IndexByte(tpl[i:], '>')
			if end < 0 {
				return out
			}
			closeTag(strings.ToLower(strings.TrimSpace(tpl[i+2 : i+end])))
			i += end + 1
		case c == '<' && i+1 < len(tpl) && isTagStart(tpl[i+1]):
			name, attrs, selfClosing, n := readTag(tpl[i:])
			if n == 0 {
				return out
			}
			i += n
			structural := name == "ng-template" || hasStructuralAttr(attrs)
			if !structural && !conditional() {
				out[name] = true
			}
			if !selfClosing && !voidElements[name] {
				stack = append(stack, frame{tag: name, conditional: structural})
			}
		case c == '@':
			kw, n := readBlockStart(tpl[i:])
			if n == 0 {
				i++
				continue
			}
			i += n
			stack = append(stack, frame{conditional: kw != ""})
		case c == '}':
			// Closes the innermost block, and any element left open in it.
			for j := len(stack) - 1; j >= 0; j-- {
				if stack[j].tag == "" {
					stack = stack[:j]
					break
				}
			}
			i++
		default:
			i++
		}
	}
	return out
}

// controlFlow are the block keywords whose content Angular renders only
// sometimes, or more than once.
var controlFlow = map[string]bool{
	"if": true, "else": true, "for": true, "empty": true, "switch": true, "case": true, "default": true,
	"defer": true, "placeholder": true, "loading": true, "error": true,
}

// readBlockStart reads "@if (cond) {" or "@else if (x) {" and returns the
// keyword (non-empty: the block is conditional) and the bytes read; n is 0
// when the text is not a block start (an e-mail address, @let).
func readBlockStart(s string) (kw string, n int) {
	j := 1
	for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
		j++
	}
	kw = s[1:j]
	if !controlFlow[kw] {
		return "", 0
	}
	depth := 0
	for ; j < len(s); j++ {
		switch s[j] {
		case '(':
			depth++
		case ')':
			depth--
		case '{':
			if depth == 0 {
				return kw, j + 1
			}
		case '<', '}':
			if depth == 0 {
				return "", 0
			}
		}
	}
	return "", 0
}

func isTagStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// readTag reads a start tag and returns its lower-case name, its attribute
// text, whether it closes itself, and its length (0: unterminated).
func readTag(s string) (name, attrs string, selfClosing bool, n int) {
	j := 1
	for j < len(s) && (isTagStart(s[j]) || s[j] >= '0' && s[j] <= '9' || s[j] == '-' || s[j] == ':' || s[j] == '_') {
		j++
	}
	name = strings.ToLower(s[1:j])
	var quote byte
	for k := j; k < len(s); k++ {
		switch c := s[k]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return name, s[j:k], k > j && s[k-1] == '/', k + 1
		}
	}
	return name, "", false, 0
}

// hasStructuralAttr reports a structural directive among the attributes
// of a tag (*ngIf="x", *ngFor, *cdkVirtualFor): an attribute name that
// starts with '*', outside any quoted value.
func hasStructuralAttr(attrs string) bool {
	var quote byte
	prev := byte(' ')
	for k := 0; k < len(attrs); k++ {
		c := attrs[k]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '*' && (prev == ' ' || prev == '\n' || prev == '\t' || prev == '\r'):
			return true
		}
		prev = c
	}
	return false
}

// voidElements never have content or an end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}
