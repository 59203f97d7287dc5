package globals

import (
	"regexp"
	"strings"
	"testing"
)

// directEvalRE is the definition hasDirectEval implements without a
// regexp: eval followed by a call, not as part of a longer name or a
// member.
var directEvalRE = regexp.MustCompile(`(^|[^\w$.])eval\s*\(`)

var directEvalSeeds = []string{
	"eval(x)", "  eval (code)", "x = eval\n\t(code)", "window.eval(x)", "myeval(x)", "$eval(x)", "_eval(x)",
	"evaluate(x)", "eval", "eval x(", "a.b(eval)", "eval\v(x)", "(eval)(x)", "evaleval(x)", "x;eval(",
	"// eval(x) in a comment", "eval eval(", "9eval(", "é eval(",
}

func TestHasDirectEval(t *testing.T) {
	for _, s := range directEvalSeeds {
		if got, want := hasDirectEval(s), directEvalRE.MatchString(s); got != want {
			t.Errorf("%q: hasDirectEval %v, the expression says %v", s, got, want)
		}
	}
}

func FuzzDirectEval(f *testing.F) {
	for _, s := range directEvalSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasDirectEval(s), directEvalRE.MatchString(s); got != want {
			t.Errorf("%q: hasDirectEval %v, the expression says %v", s, got, want)
		}
	})
}

// BenchmarkDirectEval scans a 6 MB bundle-like text that says eval often
// but never calls it (the TypeScript compiler's shape), by hand and with
// the regexp.
func BenchmarkDirectEval(b *testing.B) {
	line := "function evaluateExpression(node) { return checker.evaluate(node) || node.evalResult; } // not eval'd\n"
	text := strings.Repeat(line, 6<<20/len(line))
	b.Run("scan", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for i := 0; i < b.N; i++ {
			if hasDirectEval(text) {
				b.Fatal("no call in the text")
			}
		}
	})
	b.Run("regexp", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for i := 0; i < b.N; i++ {
			if directEvalRE.MatchString(text) {
				b.Fatal("no call in the text")
			}
		}
	})
}
