package record

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/heap/analysis"
	"github.com/leakwatch/leakwatch/heap/inspect"
	"github.com/leakwatch/leakwatch/heap/snapshot"
	"github.com/leakwatch/leakwatch/internal/nodeapp"
)

// requests returns a load that sends n requests to the program, whose
// port is on its ready line ("LISTENING <port>").
func requests(n int) func(ctx context.Context, p *inspect.Program) error {
	round := 0
	return func(ctx context.Context, p *inspect.Program) error {
		port := strings.TrimPrefix(p.ReadyLine, "LISTENING ")
		round++
		client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 30 * time.Second}
		for i := 0; i < n; i++ {
			resp, err := client.Get(fmt.Sprintf("http://127.0.0.1:%s/r%d-%d", port, round, i))
			if err != nil {
				return err
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		return nil
	}
}

func app(name string) []string {
	return []string{"node", filepath.Join(nodeapp.AppsDir(), name+".js")}
}

// TestRecordFindsTheLeak records a leaky server through the inspector
// and checks that the snapshots it streamed show the leak.
func TestRecordFindsTheLeak(t *testing.T) {
	dir := t.TempDir()
	paths, err := Record(context.Background(), Options{
		Argv: app("listener-leaky"), LoadFunc: requests(10), Iterations: 2, Warmup: 1, Dir: dir,
		Start: inspect.StartOptions{Ready: "LISTENING"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 3 {
		t.Fatalf("paths %v", paths)
	}
	rep, err := analysis.Compare(paths, snapshot.Options{}, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(rep.Groups, func(g analysis.Group) bool { return g.Name == "onReload" })
	if i < 0 {
		t.Fatalf("onReload not found in %+v", rep.Groups)
	}
	if g := rep.Groups[i]; g.Leaked != 20 || g.Site.Line != 12 {
		t.Errorf("leaked %d at line %d, want 20 at line 12", g.Leaked, g.Site.Line)
	}
}

// pidProgram starts a Node program that writes its pid to a file first.
func pidProgram(t *testing.T, body string) ([]string, string) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "pid")
	script := filepath.Join(dir, "p.js")
	src := fmt.Sprintf("require('fs').writeFileSync(%q, String(process.pid));\n%s\n", pidFile, body)
	if err := os.WriteFile(script, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{"node", script}, pidFile
}

func assertGone(t *testing.T, pidFile string) {
	t.Helper()
	data, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatalf("the program never ran: %v", err)
	}
	pid, _ := strconv.Atoi(string(data))
	if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("program %d still exists after the recording (kill 0: %v)", pid, err)
	}
}

func TestRecordStopsTheProgram(t *testing.T) {
	argv, pidFile := pidProgram(t, "setInterval(() => {}, 1000); console.log('up');")
	_, err := Record(context.Background(), Options{Argv: argv, Dir: t.TempDir(), Pause: time.Millisecond, Start: inspect.StartOptions{Ready: "up"}})
	if err != nil {
		t.Fatal(err)
	}
	assertGone(t, pidFile)
}

func TestRecordFailures(t *testing.T) {
	// A port the inspector cannot take.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	busy := ln.Addr().(*net.TCPAddr).Port
	exitMidway, exitMidwayPid := pidProgram(t, "console.log('up'); setTimeout(() => process.exit(4), 300);")
	cases := []struct {
		name string
		opt  Options
		want string
	}{
		{"missing program", Options{Argv: []string{"/nonexistent/node"}}, "cannot start /nonexistent/node"},
		{"no program", Options{}, "no program to run"},
		{"exits at once", Options{Argv: []string{"node", "-e", "console.error('boom'); process.exit(3)"}}, "exited (exit status 3)"},
		{"port taken", Options{Argv: []string{"node", "-e", "setInterval(() => {}, 1000)"}, Start: inspect.StartOptions{InspectPort: busy}}, fmt.Sprintf("could not listen on 127.0.0.1:%d", busy)},
		{"never ready", Options{Argv: []string{"node", "-e", "setInterval(() => {}, 1000)"}, Start: inspect.StartOptions{Ready: "listening", Timeout: 2 * time.Second}}, `did not print "listening" within 2s`},
		{"exits during the recording", Options{Argv: exitMidway, Pause: 2 * time.Second, Start: inspect.StartOptions{Ready: "up"}}, "the program exited (exit status 4)"},
		{"load fails", Options{Argv: []string{"node", "-e", "setInterval(() => {}, 1000); console.log('up')"}, Load: "echo no server here >&2; exit 7", Warmup: 1, Start: inspect.StartOptions{Ready: "up"}}, "the load command \"echo no server here >&2; exit 7\" failed (exit status 7) on run 1 of the warm-up:\nno server here"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.opt.Dir = t.TempDir()
			done := make(chan error, 1)
			go func() {
				_, err := Record(context.Background(), c.opt)
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), c.want) || c.name == "exits at once" && !strings.HasSuffix(err.Error(), "its last output:\n  boom") {
					t.Fatalf("error %v, want %q", err, c.want)
				}
			case <-time.After(60 * time.Second):
				t.Fatal("Record hung")
			}
		})
	}
	assertGone(t, exitMidwayPid)
}

// TestRecordNamesAnExitThatFollowsTheDroppedConnection covers the window
// in which the inspector's connection is gone but the exit is not reaped
// yet: the program closes its inspector, then exits a little later. The
// error must name the exit, not the closed connection.
func TestRecordNamesAnExitThatFollowsTheDroppedConnection(t *testing.T) {
	// 'up' comes after the handler: a signal that arrived before it would
	// kill the program by default, and the test would see that instead.
	argv, pidFile := pidProgram(t, `process.on('SIGUSR2', () => { require('child_process').spawn('sleep', ['0.5'], { stdio: 'inherit' }); process.exit(6); });
console.log('up');
setInterval(() => {}, 1000);`)
	signalled := false
	_, err := Record(context.Background(), Options{
		Argv: argv, Dir: t.TempDir(), Warmup: 1, Iterations: 1,
		LoadFunc: func(ctx context.Context, p *inspect.Program) error {
			if !signalled {
				signalled = true
				data, err := os.ReadFile(pidFile)
				if err != nil {
					return err
				}
				pid, _ := strconv.Atoi(string(data))
				return syscall.Kill(pid, syscall.SIGUSR2)
			}
			return nil
		},
		Start: inspect.StartOptions{Ready: "up"},
	})
	if err == nil || !strings.Contains(err.Error(), "the program exited (exit status 6)") {
		t.Fatalf("error %v, want the exit named", err)
	}
	assertGone(t, pidFile)
}

// TestRecordNamesAnExitThatFollowsTheClosedInspector covers a program
// that closes its inspector before the recording connects and exits a
// moment later: under load, a program that exits at once can be in this
// state when Record dials. The error must name the exit, not the refused
// connection.
func TestRecordNamesAnExitThatFollowsTheClosedInspector(t *testing.T) {
	argv, pidFile := pidProgram(t, `require('inspector').close();
console.log('closed');
setTimeout(() => process.exit(5), 300);`)
	_, err := Record(context.Background(), Options{Argv: argv, Dir: t.TempDir(), Pause: time.Millisecond, Start: inspect.StartOptions{Ready: "closed"}})
	if err == nil || !strings.Contains(err.Error(), "the program exited (exit status 5)") {
		t.Fatalf("error %v, want the exit named", err)
	}
	assertGone(t, pidFile)
}

// TestRecordNamesAnExitThatFailsTheLoad: a load command that fails
// because the program died is reported as the program's exit, while a
// load that fails against a running program is reported as the load's
// failure at once (TestRecordFailures, "load fails").
func TestRecordNamesAnExitThatFailsTheLoad(t *testing.T) {
	argv, pidFile := pidProgram(t, "console.log('up'); setInterval(() => {}, 1000);")
	_, err := Record(context.Background(), Options{
		Argv: argv, Dir: t.TempDir(), Warmup: 1,
		Load:  fmt.Sprintf("kill -KILL $(cat %q); echo refused >&2; exit 7", pidFile),
		Start: inspect.StartOptions{Ready: "up"},
	})
	if err == nil || !strings.Contains(err.Error(), "the program exited (signal: killed)") {
		t.Fatalf("error %v, want the exit named", err)
	}
	assertGone(t, pidFile)
}
