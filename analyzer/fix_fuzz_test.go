package analyzer_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
)

// FuzzMergeFixes: whatever fixes come in, the merged edits never overlap
// and always apply, and every fix is either taken whole or skipped whole.
func FuzzMergeFixes(f *testing.F) {
	f.Add([]byte{0, 2, 1, 1, 3, 1, 5, 5, 2}, uint16(20))
	f.Add([]byte{3, 3, 1, 3, 3, 1}, uint16(8))
	f.Fuzz(func(t *testing.T, spec []byte, size uint16) {
		n := int(size%512) + 1
		src := make([]byte, n)
		for i := range src {
			src[i] = 'a' + byte(i%26)
		}
		// Every three bytes make an edit; a zero third byte ends a fix.
		var fixes []analyzer.Fix
		var cur analyzer.Fix
		for i := 0; i+2 < len(spec); i += 3 {
			s := int(spec[i]) % (n + 1)
			e := s + int(spec[i+1])%(n+1-s)
			cur.Edits = append(cur.Edits, analyzer.Edit{Start: s, End: e, NewText: string(rune('A' + spec[i+2]%26))})
			if spec[i+2]%4 == 0 {
				fixes = append(fixes, cur)
				cur = analyzer.Fix{}
			}
		}
		if len(cur.Edits) > 0 {
			fixes = append(fixes, cur)
		}
		edits, skipped := analyzer.MergeFixes(fixes)
		for i := range edits {
			for j := range edits {
				a, b := edits[i], edits[j]
				if i != j && a.Start < b.End && b.Start < a.End {
					t.Fatalf("merged edits overlap: %v and %v", a, b)
				}
			}
		}
		taken := 0
		for _, fx := range fixes {
			taken += len(fx.Edits)
		}
		for _, k := range skipped {
			taken -= len(fixes[k].Edits)
		}
		if taken != len(edits) {
			t.Fatalf("fixes were split: %d edits expected from whole fixes, got %d", taken, len(edits))
		}
		if _, err := analyzer.ApplyEdits(string(src), edits); err != nil {
			t.Fatalf("merged edits do not apply: %v", err)
		}
	})
}
