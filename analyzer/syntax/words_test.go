package syntax

import "testing"

func TestContainsWord(t *testing.T) {
	cases := []struct {
		s, w string
		want bool
	}{
		{"this.onUpdate = this.onUpdate.bind(this)", "this.onUpdate", true},
		{"this.onUpdateAll()", "this.onUpdate", false},
		{"_this.onUpdate()", "this.onUpdate", false},
		{"x; this.onUpdateAll(); this.onUpdate()", "this.onUpdate", true},
		{"résumé", "sum", false},
		{"a $b c", "$b", true},
		{"", "a", false},
	}
	for _, c := range cases {
		if got := ContainsWord(c.s, c.w); got != c.want {
			t.Errorf("ContainsWord(%q, %q) = %v, want %v", c.s, c.w, got, c.want)
		}
	}
}
