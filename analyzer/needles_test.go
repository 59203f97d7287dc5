package analyzer

import (
	"bytes"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
)

// TestSessionNeedlesMatchSearch edits a large text at random, many times,
// and checks after every edit that the session's remembered needle
// positions answer as a search of the whole text would, for needles that
// come and go with the edits (as words of the text) and never occur.
func TestSessionNeedlesMatchSearch(t *testing.T) {
	var base []byte
	for _, name := range []string{"listener-not-removed/fixes-compile-ts.tsx", "listener-not-removed/react-class.jsx"} {
		src, err := os.ReadFile(filepath.Join("..", "testdata", "rules", name))
		if err == nil {
			base = append(base, src...)
		}
	}
	if len(base) == 0 {
		t.Fatal("no fixture text to edit")
	}
	for len(base) < 2*scanMinBytes {
		base = append(base, base...)
	}
	needles := []string{"addEventListener", "removeEventListener", "setInterval", "clearInterval", "useEffect",
		"subscribe", "disconnect", "benchLeak", "x", "();", "\n\n", "never-in-this-text", "Effect(() =>"}
	inserts := []string{"", "benchLeak();\n", "addEventListener", "remove", "EventListener", "set", "Interval", "x", "\n", "()", ";"}
	rng := rand.New(rand.NewSource(1))
	s := &Session{}
	defer s.Close()
	text := append([]byte(nil), base...)
	checked := 0
	for step := 0; step < 800; step++ {
		start := rng.Intn(len(text) + 1)
		end := min(len(text), start+rng.Intn(40))
		if rng.Intn(3) == 0 {
			end = start // a pure insertion
		}
		ins := inserts[rng.Intn(len(inserts))]
		text = append(append(append([]byte(nil), text[:start]...), ins...), text[end:]...)
		if len(text) < scanMinBytes {
			text = append(text, base...)
		}
		// Ask about a random few, as the prefilter asks about some rules'
		// needles only.
		for _, n := range needles {
			if rng.Intn(2) == 0 {
				continue
			}
			want := bytes.Contains(text, []byte(n))
			if got := s.containsAny(text, []string{n}); got != want {
				t.Fatalf("step %d: %q: remembered %v, the text says %v", step, n, got, want)
			}
			checked++
		}
	}
	if len(s.at) == 0 || checked < 2500 {
		t.Fatalf("the session remembered nothing (%d asked)", checked)
	}
}
