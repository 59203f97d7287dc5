package syntax

import "context"

// spliceMaxShare bounds the text ReparseSpliced parses, as a share of the
// file: past it a full parse costs little more, and is what the caller
// falls back to.
const spliceMaxShare = 2

// ReparseSpliced returns the tree of src, which is old's text with edits
// applied (byte ranges of old's text, not overlapping, only Start, OldEnd
// and NewEnd read), without parsing all of src: it parses the top-level
// statements the edits touch, with the statement before and the one after
// them, and splices that parse into old's records. ok is false when it
// cannot vouch that the result is the tree a full parse of src gives; the
// caller then parses src in full. It is for texts too large to keep their
// C tree for an incremental reparse (Kept): validating a fix in a 6 MB
// bundle parsed all of it again.
//
// Why the splice is the full parse. The text before the statement before
// the edits (prev) is unchanged, and the old parse reduced it to whole
// top-level statements with prev's first token as lookahead, which is
// unchanged too; so a full parse of src reaches prev in the state a parse
// has between two top-level statements, the state a parse starts in
// (JavaScript's and TypeScript's programs are a repetition of statements,
// and what can follow a statement is what can start a program). From
// there it reads exactly the text the spliced parse read from its start,
// up to and including the statement after the edits (next). The spliced
// parse must give prev and next the subtrees they had (so the new text
// neither joined them to the edited statements, by automatic semicolon
// insertion or otherwise, nor was read differently because of them) and
// find no syntax error; next then ends a top-level statement in the full
// parse too, which goes on from the same state over the same text as the
// old parse did. Old trees with syntax errors are not spliced: the
// parser's recovery is not local.
func ReparseSpliced(ctx context.Context, old *Tree, src []byte, edits []Edit, opt Options) (t *Tree, ok bool, err error) {
	if len(edits) == 0 || len(old.recs) == 0 || old.HasErrors() {
		return nil, false, nil
	}
	lo, hi, grown := edits[0].Start, edits[0].OldEnd, 0
	for _, e := range edits {
		lo, hi = min(lo, e.Start), max(hi, e.OldEnd)
		grown += e.NewEnd - e.OldEnd
	}
	if lo < 0 || hi > len(old.Src) || len(src) != len(old.Src)+grown {
		return nil, false, nil
	}

	// The top-level children, and the run of them the edits touch.
	var kids []int32
	for c := old.recs[0].firstChild; c >= 0; c = old.recs[c].next {
		kids = append(kids, c)
	}
	first, last := -1, -1
	for k, c := range kids {
		if int(old.recs[c].start) <= lo {
			first = k
		}
		if last < 0 && int(old.recs[c].end) >= hi {
			last = k
		}
	}
	if first < 0 || last < 0 {
		return nil, false, nil // the edits reach past the statements
	}
	if first > last {
		first, last = last, first // an insertion between two statements
	}
	if int(old.recs[kids[first]].start) > lo || int(old.recs[kids[last]].end) < hi {
		return nil, false, nil
	}
	// The neighbours: the nearest statements, not comments, around the
	// run. Without one the spliced parse starts at the text's start, or
	// ends at its end, as a full parse does.
	lead, trail := 0, len(kids) // kids[lead:first] and kids[last+1:trail] are kept
	from, to := 0, len(old.Src)
	for k := first - 1; k >= 0; k-- {
		if old.recs[kids[k]].flags&flagExtra == 0 {
			lead, from = k, int(old.recs[kids[k]].start)
			break
		}
	}
	for k := last + 1; k < len(kids); k++ {
		if old.recs[kids[k]].flags&flagExtra == 0 {
			trail, to = k+1, int(old.recs[kids[k]].end)
			break
		}
	}
	if (to-from)*spliceMaxShare > len(old.Src) {
		return nil, false, nil
	}

	part, err := Parse(ctx, old.Lang, src[from:to+grown], Options{Timeout: opt.Timeout})
	if err != nil {
		return nil, false, err
	}
	if part.HasErrors() {
		return nil, false, nil
	}
	var pkids []int32
	for c := part.recs[0].firstChild; c >= 0; c = part.recs[c].next {
		pkids = append(pkids, c)
	}
	before, after := kids[lead:first], kids[last+1:trail]
	if len(pkids) < len(before)+len(after)+1 {
		return nil, false, nil
	}
	for i, c := range before {
		if !sameSubtree(old, c, -from, part, pkids[i]) {
			return nil, false, nil
		}
	}
	for i, c := range after {
		if !sameSubtree(old, c, grown-from, part, pkids[len(pkids)-len(after)+i]) {
			return nil, false, nil
		}
	}

	// old's records up to the run, the part's records of the edited
	// statements, old's records after the run, moved by the records and
	// bytes the edits added.
	firstRec, tailRec := kids[first], old.ends[kids[last]]
	rs := pkids[len(before)]
	re := part.ends[pkids[len(pkids)-len(after)-1]]
	shift := int32(len(old.recs)) - tailRec // records after the run
	n := int(firstRec) + int(re-rs) + int(shift)
	recs := make([]record, n)
	copy(recs, old.recs[:firstRec])
	moveIn := firstRec - rs
	for i := rs; i < re; i++ {
		recs[i+moveIn] = moved(part.recs[i], from, moveIn)
	}
	moveTail := int32(n) - shift - tailRec
	for i := tailRec; i < int32(len(old.recs)); i++ {
		recs[i+moveTail] = moved(old.recs[i], grown, moveTail)
	}
	// The region's last statement links to what follows it in the part,
	// which is where old's tail now starts (or nothing, in both).
	root := &recs[0]
	if from == 0 {
		root.start = part.recs[0].start
	}
	if to == len(old.Src) {
		root.end = part.recs[0].end + uint32(from)
	} else {
		root.end = uint32(int(root.end) + grown)
	}
	t = &Tree{Lang: old.Lang, Src: string(src), recs: recs, g: old.g}
	t.computeEnds(nil)
	return t, true, nil
}

// sameSubtree reports whether the subtree of record a in ta is that of
// record b in tb, with ta's offsets moved by shift.
func sameSubtree(ta *Tree, a int32, shift int, tb *Tree, b int32) bool {
	n := ta.ends[a] - a
	if tb.ends[b]-b != n {
		return false
	}
	for k := int32(0); k < n; k++ {
		x, y := &ta.recs[a+k], &tb.recs[b+k]
		if x.kind != y.kind || x.field != y.field || x.flags != y.flags ||
			int(x.start)+shift != int(y.start) || int(x.end)+shift != int(y.end) ||
			rel(x.firstChild, a) != rel(y.firstChild, b) {
			return false
		}
		if k > 0 && (x.parent-a != y.parent-b || rel(x.next, a) != rel(y.next, b)) {
			return false
		}
	}
	return true
}

// rel is link i relative to base, or -1 for no link.
func rel(i, base int32) int32 {
	if i < 0 {
		return -1
	}
	return i - base
}

// moved returns r placed bytes further in the text and by records further
// in the record list: its offsets and its links (the root's index, 0, and
// the absent link, -1, stay as they are).
func moved(r record, bytes int, by int32) record {
	r.start = uint32(int(r.start) + bytes)
	r.end = uint32(int(r.end) + bytes)
	if r.parent != 0 {
		r.parent += by
	}
	if r.next >= 0 {
		r.next += by
	}
	if r.firstChild >= 0 {
		r.firstChild += by
	}
	return r
}
