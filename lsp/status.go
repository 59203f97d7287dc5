package lsp

import (
	"context"
	"time"

	"go.lsp.dev/jsonrpc2"
)

// The status lets an editor show what the server is doing, in a status bar
// item for instance: the request leakwatch/status answers it at any time,
// and clients that set the initialization option "statusNotifications"
// also get it as the notification $/leakwatch/status whenever it changes.
// ($/ marks a notification a client may ignore; editors/README.md
// documents both.)
const (
	methodStatus       = "leakwatch/status"
	notificationStatus = "$/leakwatch/status"
)

// status is the answer to leakwatch/status and the notification's params.
// It is comparable, so that an unchanged status is not sent again.
type status struct {
	// State is "analysing" while the engine runs or an analysis waits for
	// a free core, "idle" otherwise.
	State string `json:"state"`
	// Analysing counts the analyses running now; Queued those waiting for
	// a core plus the open documents waiting out the debounce delay after
	// an edit.
	Analysing int `json:"analysing"`
	Queued    int `json:"queued"`
	// Documents is the number of open documents, Findings the number of
	// findings in their latest analyses.
	Documents int `json:"documents"`
	Findings  int `json:"findings"`
	// Analyses counts the analyses finished in this session (open
	// documents and workspace files).
	Analyses uint64 `json:"analyses"`
	// LastAnalysis is when the last one finished (RFC 3339, UTC), with
	// its file and how long the engine took; absent before the first.
	LastAnalysis   string  `json:"lastAnalysis,omitempty"`
	LastFile       string  `json:"lastFile,omitempty"`
	LastDurationMs float64 `json:"lastDurationMs,omitempty"`
}

// activity is the part of the status that analyses update; server.mu
// guards it.
type activity struct {
	running, waiting int
	finished         uint64
	lastAt           time.Time
	lastFile         string
	lastDur          time.Duration
}

// statusChanged wakes the notification sender. It never blocks: a wake
// already pending covers this change too.
func (s *server) statusChanged() {
	select {
	case s.statusWake <- struct{}{}:
	default:
	}
}

// An analysis calls waitForCore, then beginAnalysis when it has a core
// (or gaveUpWaiting when cancelled first), then endAnalysis.
func (s *server) waitForCore() {
	s.mu.Lock()
	s.act.waiting++
	s.mu.Unlock()
	s.statusChanged()
}

func (s *server) beginAnalysis() {
	s.mu.Lock()
	s.act.waiting--
	s.act.running++
	s.mu.Unlock()
	s.statusChanged()
}

func (s *server) gaveUpWaiting() {
	s.mu.Lock()
	s.act.waiting--
	s.mu.Unlock()
	s.statusChanged()
}

func (s *server) endAnalysis(snap snapshot, took time.Duration) {
	s.mu.Lock()
	s.act.running--
	s.act.finished++
	s.act.lastAt, s.act.lastFile, s.act.lastDur = time.Now(), string(snap.uri), took
	s.mu.Unlock()
	s.statusChanged()
}

func (s *server) currentStatus() status {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := status{
		Analysing: s.act.running,
		Queued:    s.act.waiting,
		Documents: len(s.docs),
		Analyses:  s.act.finished,
	}
	for _, d := range s.docs {
		if d.timer != nil {
			st.Queued++
		}
		if d.last != nil {
			st.Findings += len(d.last.diags)
		}
	}
	st.State = "idle"
	if s.act.running > 0 || s.act.waiting > 0 {
		st.State = "analysing"
	}
	if !s.act.lastAt.IsZero() {
		st.LastAnalysis = s.act.lastAt.UTC().Format(time.RFC3339Nano)
		st.LastFile = s.act.lastFile
		st.LastDurationMs = float64(s.act.lastDur.Microseconds()) / 1000
	}
	return st
}

func (s *server) statusRequest(ctx context.Context, _ jsonrpc2.RawMessage) (any, error) {
	st := s.currentStatus()
	return &st, nil
}

// statusInterval spaces notifications: a workspace check finishes many
// files a second, and a status bar needs no more than a few updates.
// Changes in between are merged, and the latest state is always sent.
const statusInterval = 100 * time.Millisecond

// sendStatus runs for the session of a client that asked for status
// notifications, sending the status each time it changes.
func (s *server) sendStatus() {
	var last status
	sent := false
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-s.statusWake:
		}
		s.mu.Lock()
		over := s.state != stateInitialized
		s.mu.Unlock()
		if over {
			return
		}
		st := s.currentStatus()
		if sent && st == last {
			continue
		}
		if err := s.conn.Notify(s.ctx, notificationStatus, &st); err != nil {
			if s.ctx.Err() != nil {
				return
			}
			s.log.warnf("sending the status: %v", err)
		}
		last, sent = st, true
		t := time.NewTimer(statusInterval)
		select {
		case <-s.ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}
