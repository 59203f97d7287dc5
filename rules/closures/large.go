package closures

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// largeSize is where a literal size starts to count as large: 100k
// elements or bytes.
const largeSize = 1e5

var typedArrays = map[string]bool{
	"Int8Array": true, "Uint8Array": true, "Uint8ClampedArray": true, "Int16Array": true,
	"Uint16Array": true, "Int32Array": true, "Uint32Array": true, "Float32Array": true,
	"Float64Array": true, "BigInt64Array": true, "BigUint64Array": true,
}

// responseBodies are the body readers of fetch responses (and undici,
// node-fetch, ky).
var responseBodies = map[string]bool{"json": true, "text": true, "arrayBuffer": true, "blob": true, "formData": true}

// large says what an initializer evaluates to when that is evidently
// large: a big array, string or buffer, a file's contents, a parsed
// response body, a DOM subtree. ok is false when it is not evident.
func (r *run) large(v syntax.Node, depth int) (what string, ok bool) {
	if depth > 4 {
		return "", false
	}
	v = scope.Unwrap(v)
	awaited := false
	if v.Kind() == "await_expression" {
		awaited = true
		v = scope.Unwrap(v.Child(0))
	}
	switch v.Kind() {
	case "new_expression":
		ctor := v.Get("constructor").Text()
		arg := astutil.Arg(v, 0)
		n, known := r.number(arg, 0)
		switch {
		case ctor == "Array" && known && n >= largeSize && v.Get("arguments").ChildCount() == 1:
			return fmt.Sprintf("an array of %s elements", human(n)), true
		case typedArrays[ctor] && known && n >= largeSize:
			return fmt.Sprintf("a %s of %s elements", ctor, human(n)), true
		case ctor == "ArrayBuffer" || ctor == "SharedArrayBuffer":
			if known && n >= largeSize {
				return fmt.Sprintf("a %s-byte %s", human(n), ctor), true
			}
			if !known && r.fileSized(arg, 0) {
				return "an " + ctor + " the size of a file", true
			}
		case typedArrays[ctor]:
			if w, ok := r.large(arg, depth+1); ok {
				return "a " + ctor + " over " + w, true
			}
		}
		return "", false
	case "call_expression":
	case "identifier":
		if b := r.p.Scope.Resolve(v); b != nil && !b.ModuleLevel() && !b.Reassigned && b.Init.Valid() && b.Kind == scope.Const {
			return r.large(b.Init, depth+1)
		}
		return "", false
	default:
		return "", false
	}
	recv, method := astutil.Method(v)
	callee := v.Get("function").Text()
	arg := astutil.Arg(v, 0)
	switch {
	case callee == "Array" || callee == "Array.from" && isLengthObject(arg):
		target := arg
		if callee == "Array.from" {
			target, _ = astutil.Property(arg, "length")
		}
		if n, known := r.number(target, 0); known && n >= largeSize {
			return fmt.Sprintf("an array of %s elements", human(n)), true
		}
	case strings.HasPrefix(callee, "Buffer.alloc"):
		if n, known := r.number(arg, 0); known {
			if n >= largeSize {
				return fmt.Sprintf("a %s-byte Buffer", human(n)), true
			}
		} else if r.fileSized(arg, 0) {
			return "a Buffer the size of a file", true
		}
	case method == "repeat":
		if n, known := r.number(arg, 0); known && n >= largeSize {
			return fmt.Sprintf("a string of %s characters", human(n)), true
		}
	case method == "readFileSync" || awaited && method == "readFile":
		return "the contents of a file read with " + method, true
	case callee == "JSON.parse":
		if w, ok := r.bodyOrFile(arg, depth); ok {
			return "JSON parsed from " + w, true
		}
	case awaited && responseBodies[method] && recv.Valid():
		return "a " + bodyWord(method) + " response body", true
	case awaited && method == "then":
		// await fetch(url).then((r) => r.json())
		if cb := scope.Unwrap(arg); astutil.IsFunction(cb) {
			if body := scope.Unwrap(cb.Get("body")); body.Kind() == "call_expression" && responseBodies[astutil.MethodName(body)] {
				return "a " + bodyWord(astutil.MethodName(body)) + " response body", true
			}
		}
	case method == "querySelectorAll" || method == "getElementsByTagName" || method == "getElementsByClassName" || method == "getElementsByName":
		if rootedAt(recv, "document") {
			return "every element " + method + " matched", true
		}
	case method == "cloneNode" && astutil.IsTrue(arg):
		return "a deep copy of a DOM subtree", true
	case method == "parseFromString":
		return "a whole parsed document", true
	case method == "join" || method == "fill" || method == "map" || method == "concat":
		// new Array(1e6).join("*"), Array(1e6).fill(0)
		if w, ok := r.large(recv, depth+1); ok {
			return w, true
		}
	}
	return "", false
}

func bodyWord(method string) string {
	switch method {
	case "json":
		return "parsed JSON"
	case "text":
		return "text"
	}
	return method
}

// bodyOrFile reports a text that is a response body or a file's
// contents, for JSON.parse.
func (r *run) bodyOrFile(v syntax.Node, depth int) (string, bool) {
	w, ok := r.large(v, depth+1)
	if !ok {
		return "", false
	}
	if strings.HasPrefix(w, "the contents") {
		return "a file", true
	}
	return "a response body", true
}

func isLengthObject(n syntax.Node) bool {
	_, ok := astutil.Property(n, "length")
	return ok
}

// rootedAt reports member chains and calls that start at a global name:
// document.body.querySelectorAll.
func rootedAt(n syntax.Node, global string) bool {
	for {
		n = scope.Unwrap(n)
		switch n.Kind() {
		case "member_expression":
			n = n.Get("object")
		case "identifier":
			return n.Text() == global
		default:
			return false
		}
	}
}

// fileSized reports sizes read from a file: stat.size, fs.statSync(p).size,
// (await fh.stat()).size.
func (r *run) fileSized(n syntax.Node, depth int) bool {
	n = scope.Unwrap(n)
	if depth > 3 {
		return false
	}
	switch n.Kind() {
	case "member_expression":
		if n.Get("property").Text() != "size" {
			return false
		}
		obj := scope.Unwrap(n.Get("object"))
		if obj.Kind() == "await_expression" {
			obj = scope.Unwrap(obj.Child(0))
		}
		if obj.Kind() == "call_expression" {
			m := astutil.MethodName(obj)
			return m == "statSync" || m == "stat" || m == "fstatSync" || m == "lstatSync"
		}
		if obj.Kind() == "identifier" {
			if b := r.p.Scope.Resolve(obj); b != nil && b.Init.Valid() {
				init := scope.Unwrap(b.Init)
				if init.Kind() == "await_expression" {
					init = scope.Unwrap(init.Child(0))
				}
				m := astutil.MethodName(init)
				return m == "statSync" || m == "stat" || m == "fstatSync" || m == "lstatSync"
			}
		}
	case "identifier":
		if b := r.p.Scope.Resolve(n); b != nil && b.Init.Valid() && !b.Reassigned {
			return r.fileSized(b.Init, depth+1)
		}
	}
	return false
}

// number evaluates constant arithmetic on numeric literals and constants.
func (r *run) number(n syntax.Node, depth int) (float64, bool) {
	n = scope.Unwrap(n)
	if depth > 4 {
		return 0, false
	}
	switch n.Kind() {
	case "number":
		t := strings.ReplaceAll(n.Text(), "_", "")
		t = strings.TrimSuffix(t, "n")
		if i, err := strconv.ParseInt(t, 0, 64); err == nil {
			return float64(i), true
		}
		f, err := strconv.ParseFloat(t, 64)
		return f, err == nil
	case "binary_expression":
		a, oka := r.number(n.Get("left"), depth+1)
		b, okb := r.number(n.Get("right"), depth+1)
		if !oka || !okb {
			return 0, false
		}
		switch n.Get("operator").Text() {
		case "*":
			return a * b, true
		case "+":
			return a + b, true
		case "-":
			return a - b, true
		case "/":
			if b != 0 {
				return a / b, true
			}
		case "**":
			return math.Pow(a, b), true
		case "<<":
			return float64(int64(a) << uint(b)), true
		}
	case "identifier":
		if b := r.p.Scope.Resolve(n); b != nil && b.Kind == scope.Const && b.Init.Valid() {
			return r.number(b.Init, depth+1)
		}
	}
	return 0, false
}

// human writes 1000000 as "1,000,000".
func human(n float64) string {
	s := strconv.FormatInt(int64(n), 10)
	var sb strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			sb.WriteByte(',')
		}
		sb.WriteRune(c)
	}
	return sb.String()
}
