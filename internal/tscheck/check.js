// Type-checks the files a tsconfig.json lists and writes, as one JSON object
// on stdout, every diagnostic of every listed file:
//
//   node check.js <folder holding node_modules/typescript> <project folder>
//
// {"files": {"<name as listed>": [{"code", "line", "column", "message", "source"}]},
//  "config": ["<problems with the configuration itself>"]}
//
// One program holds all the files, so the standard library (DOM, ES2023)
// is read and bound once for the whole batch; that is what keeps a check
// of hundreds of files to seconds. Lines and columns are 1-based; source
// is the text of the line the diagnostic starts on, trimmed.
"use strict";

const path = require("path");

const [tsDir, projectDir] = process.argv.slice(2);
if (!tsDir || !projectDir) {
  process.stderr.write("usage: node check.js <typescript install folder> <project folder>\n");
  process.exit(2);
}
const ts = require(path.join(path.resolve(tsDir), "node_modules", "typescript"));

const configPath = path.join(path.resolve(projectDir), "tsconfig.json");
const read = ts.readConfigFile(configPath, ts.sys.readFile);
const flat = (d) => ts.flattenDiagnosticMessageText(d.messageText, "\n");
const config = [];
if (read.error) {
  config.push(flat(read.error));
}
const parsed = ts.parseJsonConfigFileContent(read.config || {}, ts.sys, path.dirname(configPath));
for (const d of parsed.errors) config.push(flat(d));

const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
for (const d of program.getOptionsDiagnostics()) config.push(flat(d));
for (const d of program.getGlobalDiagnostics()) config.push(flat(d));

const files = {};
const root = path.resolve(projectDir);
for (const name of parsed.fileNames) {
  const sf = program.getSourceFile(name);
  const rel = path.relative(root, name).split(path.sep).join("/");
  if (!sf) {
    config.push(`${rel}: not part of the program`);
    continue;
  }
  const lines = sf.text.split("\n");
  const diags = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
  files[rel] = diags.map((d) => {
    const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
    const source = (lines[pos.line] || "").trim();
    return { code: d.code, line: pos.line + 1, column: pos.character + 1, message: flat(d), source };
  });
}
process.stdout.write(JSON.stringify({ files, config }));
