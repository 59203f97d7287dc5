package lsp

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// logger writes the server's log. stdout carries the protocol, so lines go
// to the log writer (stderr) and, once a client is connected, warnings and
// errors (and notices) also go to the client as window/logMessage so they show up in the
// editor's output panel.
type logger struct {
	mu      sync.Mutex
	w       io.Writer
	verbose bool

	conn jsonrpc2.Conn // set once the connection exists
}

type level int

const (
	levelDebug level = iota
	levelInfo
	levelNotice // information the user needs, shown in the editor too
	levelWarn
	levelError
)

func (l *logger) logf(lv level, format string, args ...any) {
	l.log(lv, false, format, args...)
}

// log writes one line; show also puts it in front of the user with
// window/showMessage, for what they must act on (a broken config that is
// being ignored), which editors otherwise bury in an output panel.
func (l *logger) log(lv level, show bool, format string, args ...any) {
	if l == nil || (lv == levelDebug && !l.verbose) {
		return
	}
	msg := fmt.Sprintf(format, args...)
	l.mu.Lock()
	if l.w != nil {
		fmt.Fprintf(l.w, "%s leakwatch lsp: %s\n", time.Now().Format("15:04:05.000"), msg)
	}
	conn := l.conn
	l.mu.Unlock()
	if conn == nil || lv < levelNotice {
		return
	}
	typ := protocol.MessageTypeInfo
	switch lv {
	case levelWarn:
		typ = protocol.MessageTypeWarning
	case levelError:
		typ = protocol.MessageTypeError
	}
	// Notify only writes; it is safe from any goroutine, including the
	// read loop.
	_ = conn.Notify(context.Background(), protocol.MethodWindowLogMessage,
		&protocol.LogMessageParams{Type: typ, Message: "leakwatch: " + msg})
	if show {
		_ = conn.Notify(context.Background(), protocol.MethodWindowShowMessage,
			&protocol.ShowMessageParams{Type: typ, Message: "leakwatch: " + msg})
	}
}

// configErrorf reports a configuration the server cannot use.
func (l *logger) configErrorf(format string, args ...any) { l.log(levelError, true, format, args...) }

func (l *logger) debugf(format string, args ...any)  { l.logf(levelDebug, format, args...) }
func (l *logger) infof(format string, args ...any)   { l.logf(levelInfo, format, args...) }
func (l *logger) noticef(format string, args ...any) { l.logf(levelNotice, format, args...) }
func (l *logger) warnf(format string, args ...any)   { l.logf(levelWarn, format, args...) }
func (l *logger) errorf(format string, args ...any)  { l.logf(levelError, format, args...) }

func (l *logger) attach(conn jsonrpc2.Conn) {
	l.mu.Lock()
	l.conn = conn
	l.mu.Unlock()
}

func (l *logger) detach() { l.attach(nil) }
