package analyzer

import (
	"fmt"
	"slices"
	"sort"
)

// ApplyEdits returns src with edits applied. Edits must lie inside src and
// must not overlap; they may come in any order. Insertions at the same
// offset are applied in the order given.
func ApplyEdits(src string, edits []Edit) (string, error) {
	sorted := append([]Edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Start != sorted[j].Start {
			return sorted[i].Start < sorted[j].Start
		}
		return sorted[i].End < sorted[j].End
	})
	var b []byte
	last := 0
	for i, e := range sorted {
		if e.Start < 0 || e.End < e.Start || e.End > len(src) {
			return "", fmt.Errorf("edit %d..%d outside the file (%d bytes)", e.Start, e.End, len(src))
		}
		if e.Start < last {
			return "", fmt.Errorf("edits overlap at byte %d", e.Start)
		}
		if i == 0 {
			b = make([]byte, 0, len(src)+64)
		}
		b = append(b, src[last:e.Start]...)
		b = append(b, e.NewText...)
		last = e.End
	}
	b = append(b, src[last:]...)
	return string(b), nil
}

// MergeFixes picks, in order, the fixes whose edits do not overlap the
// edits already picked and that add to no class or owner a picked fix
// adds to (Fix.Scopes), and returns the combined edits and the indexes of
// fixes it had to leave out. Two fixes that insert at the same point
// conflict too, since their order would be a guess; within one fix, several
// insertions at one point are fine and keep their order.
func MergeFixes(fixes []Fix) (edits []Edit, skipped []int) {
	var taken []Edit
	scopes := map[int]bool{}
	for i, f := range fixes {
		if conflicts(f.Edits, taken) || selfOverlap(f.Edits) || slices.ContainsFunc(f.Scopes, func(s int) bool { return scopes[s] }) {
			skipped = append(skipped, i)
			continue
		}
		taken = append(taken, f.Edits...)
		edits = append(edits, f.Edits...)
		for _, s := range f.Scopes {
			scopes[s] = true
		}
	}
	return edits, skipped
}

// conflicts reports whether any edit touches a taken one: overlapping
// ranges, the same start, or an insertion inside or at the edge of the
// other's range.
func conflicts(edits, taken []Edit) bool {
	for _, e := range edits {
		for _, t := range taken {
			if e.Start < t.End && t.Start < e.End {
				return true
			}
			if e.Start == t.Start ||
				(e.Start == e.End && e.Start >= t.Start && e.Start <= t.End) ||
				(t.Start == t.End && t.Start >= e.Start && t.Start <= e.End) {
				return true
			}
		}
	}
	return false
}

// selfOverlap reports edits of one fix that replace overlapping text.
func selfOverlap(edits []Edit) bool {
	for i, a := range edits {
		for _, b := range edits[i+1:] {
			if a.Start < b.End && b.Start < a.End {
				return true
			}
		}
	}
	return false
}

// mapOffset moves an offset of the original text to the text after edits.
func mapOffset(off int, edits []Edit) int {
	delta := 0
	for _, e := range edits {
		if e.End <= off {
			delta += len(e.NewText) - (e.End - e.Start)
		}
	}
	return off + delta
}

// JoinTouchingEdits joins a fix's edits that touch (one ends where the
// next starts) into one edit. MergeFixes counts two edits starting at the
// same offset as a conflict even within one fix, so a fix that inserts a
// line at the start of the text it also replaces could never be applied;
// joined, the edits mean exactly the same (ApplyEdits applies an insertion
// before a replacement at the same offset) and merge cleanly.
func JoinTouchingEdits(f Fix) Fix {
	if len(f.Edits) < 2 {
		return f
	}
	edits := append([]Edit(nil), f.Edits...)
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].Start != edits[j].Start {
			return edits[i].Start < edits[j].Start
		}
		return edits[i].End < edits[j].End
	})
	out := edits[:1]
	for _, e := range edits[1:] {
		last := &out[len(out)-1]
		if last.End == e.Start {
			last.End = e.End
			last.NewText += e.NewText
			continue
		}
		out = append(out, e)
	}
	f.Edits = out
	return f
}
