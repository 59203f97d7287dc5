// Package nodeapp runs the small Node programs of heap/testdata/apps for
// tests: it starts one, waits for its port, sends it requests (a new
// connection each) and has it write heap snapshots after garbage
// collection.
package nodeapp

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// AppsDir is the folder of the programs.
func AppsDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "heap", "testdata", "apps")
}

// App is a running program.
type App struct {
	Port   int
	client *http.Client
}

// Start runs heap/testdata/apps/<name>.js with --expose-gc and stops it
// when the test ends. Node must be installed: the heap tests are about
// real snapshots, and CI has Node.
func Start(t testing.TB, name string) *App {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is needed for the heap tests: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, node, "--expose-gc", filepath.Join(AppsDir(), name+".js"))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
	})
	ports := make(chan int, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			var p int
			if _, err := fmt.Sscanf(sc.Text(), "LISTENING %d", &p); err == nil {
				ports <- p
			}
		}
		close(ports)
	}()
	select {
	case p, ok := <-ports:
		if !ok {
			t.Fatalf("%s exited before listening: %s", name, stderr.String())
		}
		return &App{Port: p, client: &http.Client{
			Timeout:   60 * time.Second,
			Transport: &http.Transport{DisableKeepAlives: true},
		}}
	case <-time.After(30 * time.Second):
		t.Fatalf("%s did not start listening within 30s: %s", name, stderr.String())
	}
	return nil
}

// Requests sends n requests to distinct URLs /<prefix><i>.
func (a *App) Requests(t testing.TB, n int, prefix string) {
	t.Helper()
	for i := 0; i < n; i++ {
		a.get(t, fmt.Sprintf("/%s%d", prefix, i))
	}
}

// Snapshot has the program collect garbage and write a snapshot to path.
func (a *App) Snapshot(t testing.TB, path string) {
	t.Helper()
	a.get(t, "/__snapshot?path="+path)
}

func (a *App) get(t testing.TB, path string) {
	t.Helper()
	resp, err := a.client.Get(fmt.Sprintf("http://127.0.0.1:%d%s", a.Port, path))
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

// Scenario runs the usual measurement: warm up, snapshot, n requests,
// snapshot, n requests, snapshot. It returns the three snapshot paths.
func Scenario(t testing.TB, name string, n int) []string {
	t.Helper()
	dir := t.TempDir()
	app := Start(t, name)
	app.Requests(t, 20, "warm")
	var paths []string
	for i, round := range []string{"", "a", "b"} {
		if round != "" {
			app.Requests(t, n, round)
		}
		p := filepath.Join(dir, fmt.Sprintf("%s-%d.heapsnapshot", name, i+1))
		app.Snapshot(t, p)
		paths = append(paths, p)
	}
	return paths
}
