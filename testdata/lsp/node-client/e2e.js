// End-to-end test of `leakwatch lsp` through vscode-jsonrpc and
// vscode-languageserver-protocol, the libraries vscode-languageclient is
// built on. It declares pull-diagnostics support the way VS Code does, so
// the server must answer textDocument/diagnostic and workspace/diagnostic
// and never push; and code-action resolve support, so the quick fix comes
// without its edit and is resolved with codeAction/resolve.
//
//   node e2e.js <leakwatch binary> <file to open>
//
// Exits non-zero on the first failure; every wait has a deadline.
"use strict";

const cp = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const rpc = require("vscode-jsonrpc/node");
const lsp = require("vscode-languageserver-protocol");

const [bin, file] = process.argv.slice(2);
if (!bin || !file) {
  console.error("usage: node e2e.js <leakwatch binary> <file>");
  process.exit(2);
}
const RULE = "listener-not-removed";
const DEADLINE_MS = 30000;

function fail(msg) {
  console.error("FAIL (node client): " + msg);
  process.exit(1);
}

function withDeadline(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out waiting for " + what)), DEADLINE_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// offsetAt maps an LSP position (UTF-16 columns, as JS strings count) to a
// string index.
function offsetAt(text, pos) {
  let off = 0;
  for (let line = 0; line < pos.line; line++) {
    const nl = text.indexOf("\n", off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  let end = text.indexOf("\n", off);
  if (end < 0) end = text.length;
  return Math.min(off + pos.character, end);
}

function applyEdits(text, edits) {
  const spans = edits
    .map((e, i) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), text: e.newText, i }))
    .sort((a, b) => a.start - b.start || a.i - b.i);
  for (let i = spans.length - 1; i >= 0; i--) {
    const s = spans[i];
    text = text.slice(0, s.start) + s.text + text.slice(s.end);
  }
  return text;
}

async function main() {
  const server = cp.spawn(bin, ["lsp"], { stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise((resolve) => server.on("exit", (code) => resolve(code)));
  const conn = rpc.createMessageConnection(
    new rpc.StreamMessageReader(server.stdout),
    new rpc.StreamMessageWriter(server.stdin),
  );
  const pushed = [];
  conn.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => pushed.push(p));
  conn.onNotification(lsp.LogMessageNotification.type, (p) => console.error("server log: " + p.message));
  conn.onRequest(lsp.RegistrationRequest.type, () => null);
  conn.onRequest(lsp.WorkDoneProgressCreateRequest.type, () => null);
  conn.onRequest(lsp.DiagnosticRefreshRequest.type, () => null);
  conn.listen();

  const root = path.dirname(file);
  const uri = "file://" + file;
  // A second workspace folder with a leaking file that is never opened,
  // for workspace/diagnostic.
  const extraDir = fs.mkdtempSync(path.join(os.tmpdir(), "leakwatch-e2e-"));
  process.on("exit", () => fs.rmSync(extraDir, { recursive: true, force: true }));
  const extraFile = path.join(extraDir, "Closed.jsx");
  fs.writeFileSync(extraFile, [
    "import { useEffect } from \"react\";",
    "export function Scroller({ onScroll }) {",
    "  useEffect(() => {",
    "    document.addEventListener(\"scroll\", onScroll);",
    "  }, [onScroll]);",
    "  return null;",
    "}",
    "",
  ].join("\n"));
  const extraUri = "file://" + extraFile;
  const init = await withDeadline(conn.sendRequest(lsp.InitializeRequest.type, {
    processId: process.pid,
    clientInfo: { name: "leakwatch-e2e-node" },
    rootUri: "file://" + root,
    workspaceFolders: [{ uri: "file://" + root, name: "e2e" }, { uri: "file://" + extraDir, name: "extra" }],
    initializationOptions: { debounceMs: 50 },
    capabilities: {
      general: { positionEncodings: ["utf-16"] },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
        codeAction: {
          isPreferredSupport: true,
          dataSupport: true,
          resolveSupport: { properties: ["edit"] },
          codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source", "source.fixAll"] } },
        },
        hover: { contentFormat: ["markdown", "plaintext"] },
      },
      workspace: { workspaceEdit: { documentChanges: true }, diagnostics: { refreshSupport: true } },
      window: { workDoneProgress: true },
    },
  }), "initialize");
  if (!init.capabilities.diagnosticProvider) fail("no diagnosticProvider for a pulling client");
  if (!init.capabilities.diagnosticProvider.workspaceDiagnostics) fail("no workspace diagnostics: " + JSON.stringify(init.capabilities.diagnosticProvider));
  if (!init.capabilities.codeActionProvider || !init.capabilities.codeActionProvider.resolveProvider) {
    fail("no codeAction/resolve: " + JSON.stringify(init.capabilities.codeActionProvider));
  }
  if (init.capabilities.positionEncoding && init.capabilities.positionEncoding !== "utf-16") {
    fail("unexpected position encoding " + init.capabilities.positionEncoding);
  }
  conn.sendNotification(lsp.InitializedNotification.type, {});

  let text = fs.readFileSync(file, "utf8");
  let version = 1;
  conn.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "javascriptreact", version, text },
  });

  const pull = (previousResultId) => withDeadline(conn.sendRequest(lsp.DocumentDiagnosticRequest.type, {
    textDocument: { uri }, previousResultId,
  }), "textDocument/diagnostic");

  let report = await pull();
  if (report.kind !== "full") fail("first pull is not a full report: " + JSON.stringify(report));
  const diag = report.items.find((d) => d.code === RULE);
  if (!diag) fail("no " + RULE + " diagnostic: " + JSON.stringify(report.items));
  const expectedLine = text.split("\n").findIndex((l) => l.includes("addEventListener"));
  if (diag.range.start.line !== expectedLine) {
    fail(`diagnostic on line ${diag.range.start.line}, want ${expectedLine}`);
  }
  if (diag.source !== "leakwatch" || !diag.codeDescription || !diag.codeDescription.href.includes(RULE)) {
    fail("diagnostic lacks source or codeDescription: " + JSON.stringify(diag));
  }
  // Same text, same result: the server says unchanged.
  const again = await pull(report.resultId);
  if (again.kind !== "unchanged") fail("second pull is not unchanged: " + JSON.stringify(again));

  // The workspace pull lists the open file (with its version) and the
  // closed one (without); pulled again with their result ids, both are
  // unchanged.
  const pullWorkspace = (previousResultIds) => withDeadline(conn.sendRequest(lsp.WorkspaceDiagnosticRequest.type, {
    previousResultIds,
  }), "workspace/diagnostic");
  const ws = await pullWorkspace([]);
  const wsOpen = ws.items.find((i) => i.uri === uri);
  const wsClosed = ws.items.find((i) => i.uri === extraUri);
  if (!wsOpen || wsOpen.kind !== "full" || wsOpen.version !== version || !wsOpen.items.some((d) => d.code === RULE)) {
    fail("workspace report of the open file: " + JSON.stringify(ws.items.map((i) => [i.uri, i.kind, i.version])));
  }
  if (wsOpen.resultId !== report.resultId) fail("workspace and document pulls disagree on the result id");
  if (!wsClosed || wsClosed.kind !== "full" || wsClosed.version !== null || !wsClosed.items.some((d) => d.code === RULE && d.range.start.line === 3)) {
    fail("workspace report of the closed file: " + JSON.stringify(wsClosed));
  }
  const wsAgain = await pullWorkspace(ws.items.map((i) => ({ uri: i.uri, value: i.resultId })));
  for (const i of ws.items) {
    const now = wsAgain.items.find((j) => j.uri === i.uri);
    if (!now || now.kind !== "unchanged" || now.resultId !== i.resultId) {
      fail("second workspace pull for " + i.uri + ": " + JSON.stringify(now));
    }
  }

  const status = await withDeadline(conn.sendRequest("leakwatch/status"), "leakwatch/status");
  if (status.state !== "idle" || status.documents !== 1 || !(status.analyses >= 2) || !status.lastAnalysis) {
    fail("status: " + JSON.stringify(status));
  }

  const hover = await withDeadline(conn.sendRequest(lsp.HoverRequest.type, {
    textDocument: { uri }, position: diag.range.start,
  }), "hover");
  if (!hover || !hover.contents || !String(hover.contents.value).includes(RULE)) {
    fail("hover does not explain the rule: " + JSON.stringify(hover));
  }

  const actions = await withDeadline(conn.sendRequest(lsp.CodeActionRequest.type, {
    textDocument: { uri }, range: diag.range, context: { diagnostics: [diag], only: ["quickfix"] },
  }), "codeAction");
  // The rule's own fix, never the suppression action.
  let action = actions.find((a) => a.kind === "quickfix" && a.isPreferred && !a.title.startsWith("Ignore"));
  if (!action) fail("the rule offers no preferred fix: " + JSON.stringify(actions.map((a) => a.title)));
  if (action.edit) fail("the action came with its edit, though the client resolves edits: " + JSON.stringify(action));
  console.error("resolving and applying: " + action.title);
  action = await withDeadline(conn.sendRequest(lsp.CodeActionResolveRequest.type, action), "codeAction/resolve");
  if (!action.edit || !action.edit.documentChanges) fail("resolved action has no edit: " + JSON.stringify(action));
  const change = action.edit.documentChanges[0];
  if (change.textDocument.uri !== uri || change.textDocument.version !== version) {
    fail("edit is for " + JSON.stringify(change.textDocument));
  }
  text = applyEdits(text, change.edits);
  // The exact text the fix must write (testdata/lsp/e2e/<name>.fixed.jsx).
  const expectedPath = path.join(__dirname, "..", "e2e", path.basename(file).replace(/\.jsx$/, ".fixed.jsx"));
  const expected = fs.readFileSync(expectedPath, "utf8");
  if (text !== expected) fail("fixed text differs from " + expectedPath + ":\n" + text);
  version++;
  conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version }, contentChanges: [{ text }],
  });

  report = await pull(report.resultId);
  if (report.kind !== "full" || report.items.some((d) => d.code === RULE)) {
    fail("the finding is still there after the fix: " + JSON.stringify(report));
  }
  if (pushed.length > 0) fail("the server pushed diagnostics to a pulling client: " + JSON.stringify(pushed));

  await withDeadline(conn.sendRequest(lsp.ShutdownRequest.type), "shutdown");
  conn.sendNotification(lsp.ExitNotification.type);
  const code = await withDeadline(exited, "the server to exit");
  if (code !== 0) fail("server exit code " + code + " after shutdown");
  conn.dispose();
  console.log("ok (node client): " + action.title);
}

main().catch((err) => fail(err && err.stack ? err.stack : String(err)));
