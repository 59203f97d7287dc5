package lsp

import (
	"context"
	"slices"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/textpos"
)

// clientCaps is what the server needs to remember of the client's
// capabilities.
type clientCaps struct {
	name               string
	pull               bool // textDocument/diagnostic: never also push to it
	pullRefresh        bool // workspace/diagnostic/refresh
	documentChanges    bool // versioned edits in WorkspaceEdit
	codeActionLiterals bool
	resolveEdits       bool // codeAction/resolve may fill in an action's edit
	watchDynamic       bool // may register file watchers
	relativePatterns   bool
	workDoneProgress   bool
	markdown           bool
}

func readClientCaps(p *protocol.InitializeParams) clientCaps {
	var c clientCaps
	c.name = p.ClientInfo.Name
	caps := p.Capabilities
	if td := caps.TextDocument; td != nil {
		c.pull = td.Diagnostic != nil
		if ca := td.CodeAction; ca != nil {
			c.codeActionLiterals = len(ca.CodeActionLiteralSupport.CodeActionKind.ValueSet) > 0
			// The edit is resolved from the action's data, so the client
			// must keep that too.
			c.resolveEdits = c.codeActionLiterals && isTrue(ca.DataSupport) && slices.Contains(ca.ResolveSupport.Properties, "edit")
		}
		if h := td.Hover; h != nil {
			for _, k := range h.ContentFormat {
				if k == protocol.MarkupKindMarkdown {
					c.markdown = true
				}
			}
		}
	}
	if ws := caps.Workspace; ws != nil {
		if ws.WorkspaceEdit != nil {
			c.documentChanges = isTrue(ws.WorkspaceEdit.DocumentChanges)
		}
		if w := ws.DidChangeWatchedFiles; w != nil {
			c.watchDynamic = isTrue(w.DynamicRegistration)
			c.relativePatterns = isTrue(w.RelativePatternSupport)
		}
		if d := ws.Diagnostics; d != nil {
			c.pullRefresh = isTrue(d.RefreshSupport)
		}
	}
	if w := caps.Window; w != nil {
		c.workDoneProgress = isTrue(w.WorkDoneProgress)
	}
	return c
}

func isTrue(b *bool) bool { return b != nil && *b }

// pickEncoding chooses UTF-8 when the client offers it, since the engine
// counts bytes and UTF-8 columns need no conversion; UTF-16 otherwise, the
// encoding every client must support.
func pickEncoding(p *protocol.InitializeParams) (textpos.Encoding, protocol.PositionEncodingKind) {
	if g := p.Capabilities.General; g != nil {
		for _, k := range g.PositionEncodings {
			if k == protocol.PositionEncodingKindUTF8 {
				return textpos.UTF8, protocol.PositionEncodingKindUTF8
			}
		}
	}
	return textpos.UTF16, protocol.PositionEncodingKindUTF16
}

func (s *server) initialize(ctx context.Context, raw jsonrpc2.RawMessage) (any, error) {
	var p protocol.InitializeParams
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	// From here on the client may hear from us (the specification allows
	// log and show messages before the initialize result), so a problem
	// with the options below reaches the user, not just stderr.
	s.log.attach(s.conn)
	settings, err := parseSettings(p.InitializationOptions, "initializationOptions", s.engine.RuleIDs())
	s.setHeapReport(p.InitializationOptions)
	if err != nil {
		// A bad option must not cost the user the whole server: report it
		// and go on with the defaults for the options that are wrong.
		s.log.configErrorf("%v; using the defaults for these", err)
	}
	caps := readClientCaps(&p)
	enc, encKind := pickEncoding(&p)
	if settings.diagnosticMode == "push" {
		// For clients whose pull support is worse than their push support.
		caps.pull = false
	}

	var folders []string
	if fs, ok := p.WorkspaceFolders.Get(); ok {
		for _, f := range fs {
			folders = append(folders, uriPath(f.URI))
		}
	}
	if len(folders) == 0 && p.RootURI != nil && *p.RootURI != "" {
		folders = append(folders, uriPath(*p.RootURI))
	}
	if len(folders) == 0 {
		if root, ok := p.RootPath.Get(); ok && root != "" {
			folders = append(folders, root)
		}
	}

	s.mu.Lock()
	s.state = stateInitialized
	s.client = caps
	s.enc = enc
	s.folders = folders
	if settings.debounce != nil {
		s.debounce = *settings.debounce
	}
	s.applyLimitsLocked(settings)
	s.statusNotify = settings.statusNotifications
	s.mu.Unlock()
	root := ""
	if len(folders) > 0 {
		root = folders[0]
	}
	s.cfg.setInitOptions(settings.config, root)
	s.log.infof("initialized for %s (position encoding %s, %s diagnostics, %d workspace folders)",
		nameOr(caps.name, "an unnamed client"), encKind, map[bool]string{true: "pull", false: "push"}[caps.pull], len(folders))

	sync := &protocol.TextDocumentSyncOptions{OpenClose: ptr(true), Change: ptr(protocol.TextDocumentSyncKindIncremental)}
	result := &protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			PositionEncoding:       encKind,
			TextDocumentSync:       sync,
			HoverProvider:          protocol.Boolean(true),
			ExecuteCommandProvider: protocol.ExecuteCommandOptions{Commands: []string{commandCheckWorkspace}},
			Workspace: &protocol.WorkspaceOptions{WorkspaceFolders: &protocol.WorkspaceFoldersServerCapabilities{
				Supported: ptr(true), ChangeNotifications: protocol.Boolean(true),
			}},
		},
		ServerInfo: protocol.ServerInfo{Name: "leakwatch", Version: protocol.NewOptional(nameOr(s.opts.Version, "dev"))},
	}
	if caps.codeActionLiterals {
		result.Capabilities.CodeActionProvider = &protocol.CodeActionOptions{
			CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix, protocol.CodeActionKindSourceFixAll, fixAllKind},
			// Clients without resolve support still get every edit at
			// once; the others get edits on resolve (see codeAction).
			ResolveProvider: ptr(true),
		}
	} else {
		result.Capabilities.CodeActionProvider = protocol.Boolean(true)
	}
	if caps.pull {
		// A file's findings depend on that file alone (and the config).
		result.Capabilities.DiagnosticProvider = &protocol.DiagnosticOptions{Identifier: ptr("leakwatch"),
			InterFileDependencies: false, WorkspaceDiagnostics: !settings.noWorkspaceDiagnostics}
	}
	return result, nil
}

func nameOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func ptr[T any](v T) *T { return &v }

// initialized registers the .leakwatch.json watcher when the client lets
// servers register capabilities; clients that cannot are expected to send
// didChangeWatchedFiles on their own, or the user restarts the server.
func (s *server) initialized(ctx context.Context, _ jsonrpc2.RawMessage) {
	s.mu.Lock()
	dynamic := s.client.watchDynamic
	statusNotify := s.statusNotify
	s.statusNotify = false // once, even if initialized comes twice
	s.mu.Unlock()
	if statusNotify {
		// Started here rather than in initialize: nothing but log
		// messages may reach the client before the initialize result.
		s.goSafe("sending the status", s.sendStatus)
		s.statusChanged() // the first status, before any document opens
	}
	if !dynamic {
		return
	}
	// A call to the client waits for its answer, which the read loop must
	// be free to read: make it from a goroutine.
	s.goSafe("registering the config watcher", func() {
		opts, err := protocol.Marshal(&protocol.DidChangeWatchedFilesRegistrationOptions{
			Watchers: []protocol.FileSystemWatcher{{GlobPattern: protocol.Pattern("**/" + analyzer.ConfigFileName)}, heapReportWatcher, shellTemplateWatcher},
		})
		if err != nil {
			s.log.errorf("encoding the watcher registration: %v", err)
			return
		}
		ctx, cancel := context.WithTimeout(s.ctx, 30*time.Second)
		defer cancel()
		params := &protocol.RegistrationParams{Registrations: []protocol.Registration{{
			ID: "leakwatch-config-watcher", Method: protocol.MethodWorkspaceDidChangeWatchedFiles, RegisterOptions: opts,
		}}}
		if _, err := s.conn.Call(ctx, protocol.MethodClientRegisterCapability, params, nil); err != nil && s.ctx.Err() == nil {
			s.log.warnf("the client refused to watch %s (%v); restart the server after editing it", analyzer.ConfigFileName, err)
		}
	})
}

// shutdown stops all analysis; the server answers nothing but exit after
// it. Pending diagnostics are dropped: the client is going away.
func (s *server) shutdown() (any, error) {
	s.mu.Lock()
	s.state = stateShutdown
	for _, d := range s.docs {
		s.cancelAnalysisLocked(d)
	}
	for _, cancel := range s.progress {
		cancel()
	}
	s.mu.Unlock()
	s.log.infof("shutdown")
	return nil, nil
}

// uriPath is the file path of a file: URI, or the URI itself for other
// schemes (untitled buffers), which then match no config file.
func uriPath(u uri.URI) string {
	if u.IsFile() {
		return u.FsPath()
	}
	return string(u)
}
