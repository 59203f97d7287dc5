// Package inspect starts a Node program with its inspector open and talks
// to it over the Chrome DevTools Protocol: garbage collection, heap
// snapshots streamed to disk, heap and RSS usage. The program it starts is
// always stopped, whatever happens.
package inspect

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"time"
)

// StartOptions configure Start.
type StartOptions struct {
	// InspectPort is the inspector's port; 0 lets Node pick a free one.
	InspectPort int
	// Ready, when set, makes Start wait until the program prints a line
	// containing it on stdout (a server's "listening on ...").
	Ready string
	// Timeout bounds the wait for the inspector and for Ready.
	Timeout time.Duration
	// Stdout and Stderr receive the program's output (nil discards it).
	Stdout, Stderr io.Writer
}

// Program is a running program with an inspector.
type Program struct {
	cmd *exec.Cmd
	URL string // the inspector's WebSocket URL
	// ReadyLine is the output line that matched StartOptions.Ready.
	ReadyLine string
	exited    chan struct{}
	waitErr   error
	// ending is closed when the program has exited or is about to: Node
	// keeps a process whose inspector has a client alive at exit, until
	// the client disconnects.
	ending     chan struct{}
	endingOnce sync.Once

	mu   sync.Mutex
	tail []string // the last lines of output, for error messages
}

var (
	listening = regexp.MustCompile(`Debugger listening on (ws://\S+)`)
	portTaken = regexp.MustCompile(`Starting inspector on (\S+) failed: (.*)`)
)

// Start runs argv (typically node app.js) with the inspector enabled
// through NODE_OPTIONS, so that wrappers (npm start, npx, a shell script)
// work too, and waits for the inspector's URL.
func Start(ctx context.Context, argv []string, opt StartOptions) (*Program, error) {
	if len(argv) == 0 {
		return nil, errors.New("no program to run: give it after --, for example: -- node app.js")
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Second
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), "NODE_OPTIONS="+strings.TrimSpace(os.Getenv("NODE_OPTIONS")+fmt.Sprintf(" --inspect=127.0.0.1:%d", opt.InspectPort)))
	// Its own process group, so that stopping it stops what it spawned.
	ownProcessGroup(cmd)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("cannot start %s: %w", argv[0], err)
	}
	p := &Program{cmd: cmd, exited: make(chan struct{}), ending: make(chan struct{})}
	urls := make(chan string, 1)
	taken := make(chan string, 1)
	ready := make(chan struct{})
	var readyOnce sync.Once
	if opt.Ready == "" {
		readyOnce.Do(func() { close(ready) })
	}
	var pipes sync.WaitGroup
	pipes.Add(2)
	go p.scan(stderr, opt.Stderr, &pipes, func(line string) {
		if m := listening.FindStringSubmatch(line); m != nil {
			select {
			case urls <- m[1]:
			default:
			}
		}
		if strings.Contains(line, "Waiting for the debugger to disconnect") {
			p.endingOnce.Do(func() { close(p.ending) })
		}
		if m := portTaken.FindStringSubmatch(line); m != nil {
			select {
			case taken <- m[1] + ": " + m[2]:
			default:
			}
		}
	})
	go p.scan(stdout, opt.Stdout, &pipes, func(line string) {
		if opt.Ready != "" && strings.Contains(line, opt.Ready) {
			readyOnce.Do(func() {
				p.ReadyLine = line
				close(ready)
			})
		}
	})
	go func() {
		// Wait closes the pipes only after the copies end; wait for them
		// first so that no output is lost.
		pipes.Wait()
		p.waitErr = cmd.Wait()
		close(p.exited)
		p.endingOnce.Do(func() { close(p.ending) })
	}()

	deadline := time.NewTimer(opt.Timeout)
	defer deadline.Stop()
	fail := func(err error) (*Program, error) {
		p.Stop()
		return nil, err
	}
	select {
	case p.URL = <-urls:
	case t := <-taken:
		return fail(fmt.Errorf("the inspector could not listen on %s; is another program (or debugger) using that port? Pass --inspect-port 0 to let Node pick a free one", t))
	case <-p.exited:
		return fail(fmt.Errorf("%s exited (%v) before its inspector started%s", argv[0], p.exitStatus(), p.lastOutput()))
	case <-deadline.C:
		return fail(fmt.Errorf("%s did not open its inspector within %v (is it a Node program?)%s", argv[0], opt.Timeout, p.lastOutput()))
	case <-ctx.Done():
		return fail(ctx.Err())
	}
	select {
	case <-ready:
	case <-p.exited:
		return fail(fmt.Errorf("%s exited (%v) before printing %q%s", argv[0], p.exitStatus(), opt.Ready, p.lastOutput()))
	case <-deadline.C:
		return fail(fmt.Errorf("%s did not print %q within %v%s", argv[0], opt.Ready, opt.Timeout, p.lastOutput()))
	case <-ctx.Done():
		return fail(ctx.Err())
	}
	return p, nil
}

func (p *Program) scan(r io.Reader, forward io.Writer, wg *sync.WaitGroup, each func(string)) {
	defer wg.Done()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		each(line)
		p.mu.Lock()
		p.tail = append(p.tail, line)
		if len(p.tail) > 10 {
			p.tail = p.tail[1:]
		}
		p.mu.Unlock()
		if forward != nil && !inspectorNoise(line) {
			fmt.Fprintln(forward, line)
		}
	}
	_, _ = io.Copy(io.Discard, r)
}

func (p *Program) lastOutput() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var keep []string
	for _, l := range p.tail {
		if inspectorNoise(l) {
			continue
		}
		keep = append(keep, "  "+l)
	}
	if len(keep) == 0 {
		return ""
	}
	return "; its last output:\n" + strings.Join(keep, "\n")
}

// inspectorNoise reports the lines Node prints about its inspector, which
// say nothing about the program.
func inspectorNoise(l string) bool {
	return listening.MatchString(l) || strings.HasPrefix(l, "For help, see: https://nodejs.org") ||
		l == "Debugger attached." || strings.HasPrefix(l, "Debugger ending on ") || strings.HasPrefix(l, "Waiting for the debugger to disconnect")
}

func (p *Program) exitStatus() string {
	select {
	case <-p.exited:
	default:
		// Gone gave up waiting: waitErr is not written yet, and reading
		// it would race with the goroutine that reaps the program.
		return fmt.Sprintf("status unknown: still ending after %v", exitGrace)
	}
	if p.waitErr == nil {
		return "exit status 0"
	}
	return p.waitErr.Error()
}

// Ending is closed when the program has exited or is waiting for the
// inspector's client to go before exiting.
func (p *Program) Ending() <-chan struct{} { return p.ending }

// Attach closes c as soon as the program ends, so that calls in flight
// fail instead of waiting for a program that will not answer (and so that
// Node, waiting for its debugger to disconnect, can exit).
func (p *Program) Attach(c *Client) {
	go func() {
		select {
		case <-p.ending:
			c.Close()
		case <-c.closed:
		}
	}()
}

// Gone reports whether the program has ended (or is ending), waiting a
// moment for a program that is ending to finish.
func (p *Program) Gone() bool {
	select {
	case <-p.ending:
	default:
		return false
	}
	select {
	case <-p.exited:
	case <-time.After(exitGrace):
	}
	return true
}

// exitGrace bounds the waits for an exit that is under way. It is spent
// only when something failed, so it is generous: on a loaded machine the
// exit of a program (and of a child holding its output) can take seconds
// to be reaped after its inspector connection dropped. (A variable so that
// a test can reach the end of the wait quickly.)
var exitGrace = 10 * time.Second

// EndedAfter reports whether the program has ended, after a call that
// involved it failed with err (nil: nothing failed, do not wait). A program
// calling process.exit drops its inspector connection before its exit can
// be reaped, so after a failure this waits a moment for the exit to show:
// the caller can then say the program exited instead of "connection closed".
func (p *Program) EndedAfter(err error) bool {
	if err != nil {
		select {
		case <-p.ending:
		case <-time.After(exitGrace):
		}
	}
	return p.Gone()
}

// EndedAfterFailure is EndedAfter for a call that failed while c was
// connected to the program: a program that still answers c is running,
// so the failure is the call's own (a load command's, a full disk's) and
// is reported without the wait. Neither is there a wait once ctx has
// ended: the user asked to stop.
func (p *Program) EndedAfterFailure(ctx context.Context, c *Client, err error) bool {
	if err != nil && ctx.Err() != nil {
		err = nil
	}
	if err != nil && c.Ping(ctx) == nil && !p.Gone() {
		return false
	}
	return p.EndedAfter(err)
}

// Exited is closed when the program has ended.
func (p *Program) Exited() <-chan struct{} { return p.exited }

// ExitError describes how the program ended, with its last output, once
// Exited is closed.
func (p *Program) ExitError() error {
	return fmt.Errorf("the program exited (%s)%s", p.exitStatus(), p.lastOutput())
}

// Stop ends the program and everything in its process group: SIGTERM,
// then SIGKILL if it is still running after a grace period. Safe to call
// more than once and after the program has exited.
func (p *Program) Stop() {
	select {
	case <-p.exited:
		return
	default:
	}
	signalGroup(p.cmd.Process, false)
	select {
	case <-p.exited:
		return
	case <-time.After(3 * time.Second):
	}
	signalGroup(p.cmd.Process, true)
	// A grandchild that left the group may hold the output pipes open;
	// the program itself is gone, so do not wait for it forever.
	select {
	case <-p.exited:
	case <-time.After(5 * time.Second):
	}
}
