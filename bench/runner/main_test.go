package main

import (
	"slices"
	"testing"
	"time"
)

func TestDetectCache(t *testing.T) {
	none := detectCache("Flags:\n  -format format\n    \toutput format\n  -j int\n")
	if none.any {
		t.Errorf("no cache flag expected: %+v", none)
	}
	c := detectCache("  -cache-location dir\n    \twhere\n  -no-cache\n    \tdo not\n")
	if !c.any || !c.location || !c.off || c.on {
		t.Errorf("got %+v", c)
	}
}

func TestMedianAndSpread(t *testing.T) {
	s := []sample{{wall: 3 * time.Second, rssKB: 10}, {wall: 1 * time.Second, rssKB: 30}, {wall: 2 * time.Second, rssKB: 20}}
	if m := median(s); m.wall != 2*time.Second || m.rssKB != 30 {
		t.Errorf("median %+v", m)
	}
	s = append(s, sample{wall: 4 * time.Second, rssKB: 5})
	if m := median(s); m.wall != 2500*time.Millisecond {
		t.Errorf("even median %v", m.wall)
	}
	if lo, hi := spread(s); lo != time.Second || hi != 4*time.Second {
		t.Errorf("spread %v..%v", lo, hi)
	}
}

// The pre-commit-sized sample must be the same files on every run.
func TestPickSampleIsStable(t *testing.T) {
	files := make([]string, 100)
	for i := range files {
		files[i] = string(rune('a'+i%26)) + string(rune('a'+i/26))
	}
	a, b := pickSample(files, 20, 7), pickSample(files, 20, 7)
	if len(a.paths) != 20 || !slices.Equal(a.paths, b.paths) || !slices.IsSorted(a.idx) {
		t.Errorf("unstable or unsorted sample: %v vs %v", a.paths, b.paths)
	}
	if c := pickSample(files[:5], 20, 7); len(c.paths) != 5 {
		t.Errorf("sample of a short list: %v", c.paths)
	}
}

func TestDescribe(t *testing.T) {
	got := describe([]string{"/x/leakwatch", "check", "-j", "2", "--", "a.js", "b.js"}, 2)
	if got != "leakwatch check -j 2 -- <2 files>" {
		t.Errorf("got %q", got)
	}
}
