package inspect

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestExitErrorBeforeTheExitIsReaped covers a program that is ending but
// whose exit cannot be reaped yet: a child it started holds its output
// open. When Gone gives up waiting, ExitError must say the status is
// unknown rather than read the one the reaping goroutine has not written
// (a data race, and a made-up "exit status 0"); once reaped, it gives the
// real one. The program prints the line Node prints when it waits for its
// debugger at exit, which is how Start learns a program is ending.
func TestExitErrorBeforeTheExitIsReaped(t *testing.T) {
	defer func(g time.Duration) { exitGrace = g }(exitGrace)
	exitGrace = 100 * time.Millisecond
	script := `require('child_process').spawn('sleep', ['30'], { stdio: 'inherit' });
console.error('Waiting for the debugger to disconnect...');
process.exit(5);`
	p, err := Start(context.Background(), []string{"node", "-e", script}, StartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Stop()
	select {
	case <-p.Ending():
	case <-time.After(30 * time.Second):
		t.Fatal("the program never said it was ending")
	}
	if !p.Gone() {
		t.Fatal("Gone is false for an ending program")
	}
	if err := p.ExitError(); !strings.Contains(err.Error(), "status unknown: still ending") {
		t.Errorf("before the exit is reaped: %v", err)
	}
	// Stopping the group ends the child, and the exit can be reaped.
	p.Stop()
	select {
	case <-p.Exited():
	case <-time.After(30 * time.Second):
		t.Fatal("the program was not reaped after Stop")
	}
	if err := p.ExitError(); !strings.Contains(err.Error(), "the program exited (exit status 5)") {
		t.Errorf("after the exit is reaped: %v", err)
	}
}

// TestEndedAfterFailureDoesNotWaitForARunningProgram: a failure while the
// program still answers its inspector, or after the caller was told to
// stop, is reported without waiting for an exit that will not come. The
// wait is made a minute long so that a call that waits cannot pass.
func TestEndedAfterFailureDoesNotWaitForARunningProgram(t *testing.T) {
	defer func(g time.Duration) { exitGrace = g }(exitGrace)
	exitGrace = time.Minute
	p, err := Start(context.Background(), []string{"node", "-e", "setInterval(() => {}, 1000)"}, StartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Stop()
	c, err := Dial(context.Background(), p.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	p.Attach(c)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name string
		ctx  context.Context
	}{{"the program answers", context.Background()}, {"the caller stopped", cancelled}} {
		done := make(chan bool, 1)
		go func() { done <- p.EndedAfterFailure(tc.ctx, c, errors.New("the disk is full")) }()
		select {
		case ended := <-done:
			if ended {
				t.Errorf("%s: a running program is reported ended", tc.name)
			}
		case <-time.After(exitGrace / 2):
			t.Fatalf("%s: waited for an exit", tc.name)
		}
	}
}
