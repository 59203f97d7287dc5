package watch

import (
	"context"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/heap/inspect"
	"github.com/leakwatch/leakwatch/heap/report"
	"github.com/leakwatch/leakwatch/internal/nodeapp"
)

func series(n int, f func(i int) float64) []report.Sample {
	var out []report.Sample
	for i := 0; i < n; i++ {
		out = append(out, report.Sample{Seconds: float64(i), HeapUsed: uint64(f(i))})
	}
	return out
}

func TestDetect(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	const mb, kb = 1 << 20, 1 << 10
	cases := []struct {
		name string
		s    []report.Sample
		want bool
	}{
		{"steady rise", series(30, func(i int) float64 { return 20*mb + float64(i)*200*kb + r.Float64()*50*kb }), true},
		{"flat with noise", series(30, func(i int) float64 { return 20*mb + r.Float64()*2*mb }), false},
		// A saw-tooth: a cache that fills and is flushed.
		{"saw-tooth", series(40, func(i int) float64 { return 20*mb + float64(i%10)*mb }), false},
		// Warm-up growth that then levels off.
		{"warm-up then flat", series(30, func(i int) float64 { return 20*mb + float64(min(i, 5))*mb + r.Float64()*20*kb }), false},
		{"tiny rise", series(30, func(i int) float64 { return 20*mb + float64(i)*100 }), false},
		// A small heap's warm-up: 300 KB over the run, steadily (the fixed
		// twin of TestWatch under load), is no leak.
		{"small heap warm-up", series(20, func(i int) float64 { return 3.8*mb + float64(i)*15*kb + r.Float64()*2*kb }), false},
		// A large heap that rises 4% over the run.
		{"large heap, small share", series(30, func(i int) float64 { return 200*mb + float64(i)*256*kb }), false},
		{"too few", series(4, func(i int) float64 { return float64(i) * mb }), false},
	}
	for _, c := range cases {
		g := Detect(c.s)
		if g.Sustained != c.want || g.Reason == "" {
			t.Errorf("%s: sustained=%v (%s), want %v", c.name, g.Sustained, g.Reason, c.want)
		}
	}
}

// hammer sends requests to the program until the context ends.
func hammer(ctx context.Context, p *inspect.Program) error {
	port := strings.TrimPrefix(p.ReadyLine, "LISTENING ")
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	for i := 0; i < 20; i++ {
		req, _ := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("http://127.0.0.1:%s/w%d", port, rand.Int()), nil)
		resp, err := client.Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return nil
}

// TestWatch watches a program whose every request keeps 32 KB, and its
// fixed twin, under the same load.
func TestWatch(t *testing.T) {
	for _, c := range []struct {
		app  string
		grow bool
	}{{"closure-leaky", true}, {"closure-fixed", false}} {
		t.Run(c.app, func(t *testing.T) {
			t.Parallel()
			res, err := Watch(context.Background(), Options{
				Argv: []string{"node", filepath.Join(nodeapp.AppsDir(), c.app+".js")},
				// At least 15 load runs (300 requests, 9.6 MB kept by the
				// leaky twin) whatever the machine's speed.
				LoadFunc: hammer, Interval: 150 * time.Millisecond, Duration: 3 * time.Second, MinLoads: 15,
				Start: inspect.StartOptions{Ready: "LISTENING"},
			})
			if err != nil {
				t.Fatal(err)
			}
			if res.LoadError != nil {
				t.Fatal(res.LoadError)
			}
			if len(res.Samples) < 10 || res.Loads == 0 {
				t.Fatalf("%d samples, %d loads", len(res.Samples), res.Loads)
			}
			if res.Samples[0].RSS == 0 {
				t.Error("no RSS reading")
			}
			if res.Growth.Sustained != c.grow {
				t.Errorf("sustained = %v (%s), want %v; heap: %v", res.Growth.Sustained, res.Growth.Reason, c.grow, res.Samples)
			}
		})
	}
}

// TestWatchNamesAnExitThatFollowsTheClosedInspector: a program that
// closes its inspector before the watch connects, then exits, is reported
// by its exit, not by the refused connection (under load, a program that
// exits at once is in that state when Watch dials).
func TestWatchNamesAnExitThatFollowsTheClosedInspector(t *testing.T) {
	script := filepath.Join(t.TempDir(), "p.js")
	src := "require('inspector').close();\nconsole.log('closed');\nsetTimeout(() => process.exit(5), 300);\n"
	if err := os.WriteFile(script, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Watch(context.Background(), Options{Argv: []string{"node", script}, Duration: time.Second, Start: inspect.StartOptions{Ready: "closed"}})
	if err == nil || !strings.Contains(err.Error(), "the program exited (exit status 5)") {
		t.Fatalf("error %v, want the exit named", err)
	}
}
