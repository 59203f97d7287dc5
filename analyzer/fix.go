package analyzer

import (
	"fmt"
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
// edits already picked, and returns the combined edits and the indexes of
// fixes it had to leave out. Two fixes that insert at the same point
// conflict too: their order would be a guess.
func MergeFixes(fixes []Fix) (edits []Edit, skipped []int) {
	type span struct{ start, end int }
	var taken []span
	overlaps := func(e Edit) bool {
		for _, t := range taken {
			if e.Start < t.end && t.start < e.End {
				return true
			}
			if e.Start == t.start || (e.Start == e.End && e.Start >= t.start && e.Start <= t.end) ||
				(t.start == t.end && t.start >= e.Start && t.start <= e.End) {
				return true
			}
		}
		return false
	}
	for i, f := range fixes {
		clash := false
		mark := len(taken)
		for _, e := range f.Edits {
			// Checking against taken also catches a fix whose own edits
			// overlap, since each edit is added before the next is checked.
			if overlaps(e) {
				clash = true
				break
			}
			taken = append(taken, span{e.Start, e.End})
		}
		taken = taken[:mark]
		if clash {
			skipped = append(skipped, i)
			continue
		}
		for _, e := range f.Edits {
			taken = append(taken, span{e.Start, e.End})
			edits = append(edits, e)
		}
	}
	return edits, skipped
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
