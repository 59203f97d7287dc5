// Reads one JSON request a line on stdin ({"path", "kind", "text"}, kind one
// of js, jsx, ts, tsx) and writes one JSON answer a line on stdout: how many
// syntax errors the TypeScript compiler's parser reports for the text, and
// the first one. Only the parser runs (createSourceFile and its
// parseDiagnostics): no program, no binder, no type checker, so the answer
// is "does this parse", nothing more.
"use strict";

const path = require("path");
const readline = require("readline");

const ts = require(path.join(process.argv[2] || ".", "node_modules", "typescript"));

const kinds = {
  js: ts.ScriptKind.JS,
  jsx: ts.ScriptKind.JSX,
  ts: ts.ScriptKind.TS,
  tsx: ts.ScriptKind.TSX,
};

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on("line", (line) => {
  if (!line) return;
  const req = JSON.parse(line);
  const kind = kinds[req.kind];
  if (kind === undefined) throw new Error(`unknown kind ${req.kind} for ${req.path}`);
  // The file name's extension must agree with the kind: the parser picks
  // JSX support and TypeScript-only syntax from it.
  const name = "file." + req.kind;
  const sf = ts.createSourceFile(name, req.text, ts.ScriptTarget.Latest, false, kind);
  const diags = sf.parseDiagnostics || [];
  const out = { path: req.path, errors: diags.length };
  if (diags.length > 0) {
    const d = diags[0];
    out.offset = d.start;
    out.message = ts.flattenDiagnosticMessageText(d.messageText, " ");
  }
  process.stdout.write(JSON.stringify(out) + "\n");
});
