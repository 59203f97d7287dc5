package lsp

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// Method names the protocol package does not spell for us.
const (
	commandCheckWorkspace = "leakwatch.checkWorkspace"
	fixAllKind            = protocol.CodeActionKind("source.fixAll.leakwatch")
)

// requestFunc answers one request; params are valid for the call only.
type requestFunc func(ctx context.Context, params jsonrpc2.RawMessage) (any, error)

// notificationFunc handles one notification. It returns nothing: an error
// from a notification handler would make jsonrpc2 drop the connection.
type notificationFunc func(ctx context.Context, params jsonrpc2.RawMessage)

// handler builds the chain every message goes through: recover panics and
// swallow notification errors, honour $/cancelRequest, then route.
//
// route applies notifications on the read loop, one after the other, so
// document updates land in the order the client sent them; requests are
// released to run concurrently (jsonrpc2.Async) so a slow code action never
// holds up the edits behind it.
//
// Cancellation is ours rather than protocol.CancelHandler's: that one
// derives a context from the pooled per-request context, and the goroutine
// context.WithCancel starts to watch it can touch the request after
// jsonrpc2 has recycled it (a nil-parent panic).
func (s *server) handler() jsonrpc2.Handler {
	return func(ctx context.Context, req *jsonrpc2.Request) (result any, err error) {
		isCall := req.IsCall()
		// The method is borrowed from the read buffer; keep a copy for the
		// messages below, which may run after the buffer is reused.
		method := strings.Clone(req.Method())
		defer func() {
			if p := recover(); p != nil {
				s.log.errorf("internal error handling %s (please report it): %v\n%s", method, p, stack())
				result, err = nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "leakwatch: internal error handling %s: %v", method, p)
			}
			if !isCall {
				if err != nil {
					s.log.warnf("%s: %v", method, err)
				}
				result, err = nil, nil
			}
		}()
		if method == protocol.MethodCancelRequest {
			s.cancelRequest(req.Params())
			return nil, nil
		}
		work := s.ctx
		if isCall {
			// Count the request as the server's own work, so that stop
			// waits for it. jsonrpc2 drains handlers before it reports a
			// lost connection, but Run also ends on exit and on its
			// context, and a request still analysing then would outlive
			// the session and use a document's syntax tree after stop
			// freed it.
			if !s.track() {
				return nil, protocol.ErrRequestCancelled
			}
			defer s.wg.Done()
			var cancel context.CancelFunc
			work, cancel = context.WithCancel(s.ctx)
			id := req.ID()
			s.inflight.add(id, cancel)
			defer func() {
				s.inflight.remove(id)
				cancel()
			}()
		}
		return s.route(ctx, work, req)
	}
}

// inflight maps the ids of requests being handled to their cancel.
type inflight struct {
	mu sync.Mutex
	m  map[jsonrpc2.ID]context.CancelFunc
}

func (f *inflight) add(id jsonrpc2.ID, cancel context.CancelFunc) {
	f.mu.Lock()
	if f.m == nil {
		f.m = make(map[jsonrpc2.ID]context.CancelFunc)
	}
	f.m[id] = cancel
	f.mu.Unlock()
}

func (f *inflight) remove(id jsonrpc2.ID) {
	f.mu.Lock()
	delete(f.m, id)
	f.mu.Unlock()
}

func (f *inflight) cancel(id jsonrpc2.ID) {
	f.mu.Lock()
	cancel := f.m[id]
	f.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// cancelRequest handles $/cancelRequest: the request's context ends, and
// the handler answers RequestCancelled as soon as it notices.
func (s *server) cancelRequest(raw jsonrpc2.RawMessage) {
	var p protocol.CancelParams
	if err := decode(raw, &p); err != nil {
		s.log.warnf("$/cancelRequest: %v", err)
		return
	}
	switch id := p.ID.(type) {
	case protocol.Integer:
		s.inflight.cancel(jsonrpc2.NewNumberID(int64(id)))
	case protocol.String:
		s.inflight.cancel(jsonrpc2.NewStringID(string(id)))
	}
}

// route dispatches by method and lifecycle state.
// ctx is jsonrpc2's request context, used only to release the read loop;
// work is the context the handlers run under.
func (s *server) route(ctx, work context.Context, req *jsonrpc2.Request) (any, error) {
	method := req.Method()
	isCall := req.IsCall()

	if method == protocol.MethodExit {
		s.onExit()
		return nil, nil
	}
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()

	switch state {
	case stateNew:
		if method == protocol.MethodInitialize && isCall {
			return s.initialize(work, req.Params())
		}
		if isCall {
			return nil, jsonrpc2.Errorf(jsonrpc2.ServerNotInitialized, "leakwatch: %s before initialize; send initialize first", method)
		}
		s.log.debugf("dropped %s sent before initialize", method)
		return nil, nil
	case stateShutdown:
		if isCall {
			return nil, jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "leakwatch: %s after shutdown; only exit is allowed now", method)
		}
		return nil, nil
	}

	if !isCall {
		if h := s.notes[method]; h != nil {
			h(work, req.Params())
		} else if !strings.HasPrefix(method, "$/") {
			s.log.debugf("ignored notification %s", method)
		}
		return nil, nil
	}
	switch method {
	case protocol.MethodInitialize:
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "leakwatch: initialize sent twice")
	case protocol.MethodShutdown:
		// Inline, so every notification before it has been applied.
		return s.shutdown()
	}
	h := s.reqs[method]
	if h == nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "leakwatch: method %q is not supported", method)
	}
	// Release the read loop; Async copies the params out of the read
	// buffer, so take them only afterwards.
	jsonrpc2.Async(ctx)
	if work.Err() != nil {
		return nil, protocol.ErrRequestCancelled
	}
	return h(work, req.Params())
}

func (s *server) requests() map[string]requestFunc {
	return map[string]requestFunc{
		protocol.MethodTextDocumentCodeAction:  s.codeAction,
		protocol.MethodCodeActionResolve:       s.resolveCodeAction,
		protocol.MethodTextDocumentHover:       s.hover,
		protocol.MethodTextDocumentDiagnostic:  s.pullDiagnostics,
		protocol.MethodWorkspaceDiagnostic:     s.workspaceDiagnostics,
		protocol.MethodWorkspaceExecuteCommand: s.executeCommand,
		methodStatus:                           s.statusRequest,
	}
}

func (s *server) notifications() map[string]notificationFunc {
	return map[string]notificationFunc{
		protocol.MethodInitialized:                        s.initialized,
		protocol.MethodTextDocumentDidOpen:                s.didOpen,
		protocol.MethodTextDocumentDidChange:              s.didChange,
		protocol.MethodTextDocumentDidClose:               s.didClose,
		protocol.MethodWorkspaceDidChangeConfiguration:    s.didChangeConfiguration,
		protocol.MethodWorkspaceDidChangeWatchedFiles:     s.didChangeWatchedFiles,
		protocol.MethodWorkspaceDidChangeWorkspaceFolders: s.didChangeWorkspaceFolders,
		protocol.MethodWindowWorkDoneProgressCancel:       s.workDoneProgressCancel,
	}
}

// decode unmarshals params into v, turning a failure into the
// invalid-params error a request answers with.
func decode(params jsonrpc2.RawMessage, v any) error {
	if len(params) == 0 {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "leakwatch: missing params")
	}
	if err := protocol.Unmarshal(params, v); err != nil {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "leakwatch: invalid params: %v", err)
	}
	return nil
}

// cancelled is the error a request returns when the client cancelled it or
// the session ended under it.
func cancelled(ctx context.Context) error {
	if ctx.Err() != nil {
		return protocol.ErrRequestCancelled
	}
	return nil
}

func errorf(code jsonrpc2.Code, format string, args ...any) error {
	return jsonrpc2.NewError(code, "leakwatch: "+fmt.Sprintf(format, args...))
}
