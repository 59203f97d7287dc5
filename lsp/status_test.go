package lsp

import (
	"encoding/json"
	"testing"
	"time"
)

func (c *client) status() status {
	c.t.Helper()
	var st status
	if err := c.call(methodStatus, nil, &st); err != nil {
		c.t.Fatalf("%s: %v", methodStatus, err)
	}
	return st
}

// waitStatus waits for a $/leakwatch/status notification, from message
// index since on, that satisfies ok.
func (c *client) waitStatus(since int, what string, ok func(status) bool) (status, int) {
	c.t.Helper()
	var got status
	_, next := c.waitMessage(since, "status notification: "+what, func(m message) bool {
		if m.method != notificationStatus {
			return false
		}
		if err := json.Unmarshal(m.params, &got); err != nil {
			c.t.Fatalf("bad status notification %s: %v", m.params, err)
		}
		return ok(got)
	})
	return got, next
}

func TestStatusReflectsAnAnalysisInFlight(t *testing.T) {
	g := newGate()
	c := start(t, config{engine: testEngine(g.rule()), initOpts: map[string]any{"debounceMs": 0, "statusNotifications": true}})
	if st, _ := c.waitStatus(0, "the first, idle status", func(status) bool { return true }); st.State != "idle" || st.Documents != 0 || st.Analyses != 0 {
		t.Errorf("first status %+v, want idle with nothing open", st)
	}
	const uri = "file:///work/slow.js"
	next := c.mark()
	before := time.Now()
	c.open(uri, "javascript", "slow();\nleak();\n", 1)
	select {
	case <-g.entered:
	case <-time.After(deadline):
		t.Fatal("the analysis did not start")
	}
	st := c.status()
	if st.State != "analysing" || st.Analysing != 1 || st.Documents != 1 || st.Analyses != 0 || st.LastAnalysis != "" {
		t.Errorf("status during the analysis: %+v", st)
	}
	c.waitStatus(next, "analysing", func(st status) bool { return st.State == "analysing" && st.Analysing == 1 && st.Documents == 1 })

	close(g.release)
	c.waitPublish(next, uri, nil)
	done, _ := c.waitStatus(next, "idle after the analysis", func(st status) bool { return st.State == "idle" && st.Analyses == 1 && st.Findings == 2 })
	at, err := time.Parse(time.RFC3339Nano, done.LastAnalysis)
	if err != nil || at.Before(before.Add(-time.Second)) || done.LastFile != uri || done.LastDurationMs <= 0 {
		t.Errorf("last analysis in %+v (time %v, %v)", done, at, err)
	}
	if st := c.status(); st != done {
		t.Errorf("request %+v, notification %+v: they must agree once idle", st, done)
	}

	next = c.mark()
	c.notifyServer("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	c.waitStatus(next, "no document open", func(st status) bool { return st.Documents == 0 && st.Findings == 0 })
}

// Without the option the client hears nothing, and can still ask.
func TestStatusNotificationsAreOptIn(t *testing.T) {
	c := start(t, config{})
	const uri = "file:///work/app.js"
	c.open(uri, "javascript", "leak();\n", 1)
	c.waitPublish(0, uri, nil)
	if st := c.status(); st.State != "idle" || st.Documents != 1 || st.Findings != 1 || st.Analyses != 1 {
		t.Errorf("status %+v", st)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, m := range c.msgs {
		if m.method == notificationStatus {
			t.Fatalf("status notification sent to a client that did not ask: %s", m.params)
		}
	}
}

func TestStatusOptionMustBeABoolean(t *testing.T) {
	c := start(t, config{initOpts: map[string]any{"statusNotifications": "yes"}})
	c.waitLog(0, "statusNotifications must be true or false")
}
