// Names shared by extension.ts and package.json. Kept out of extension.ts
// so the unit tests can check package.json against them without "vscode".

// The language ids whose documents go to the server. Vue and Svelte ids come
// from their own extensions; the server analyses their <script> blocks.
export const LANGUAGES = ["javascript", "javascriptreact", "typescript", "typescriptreact", "vue", "svelte"] as const;

// Commands the extension contributes (package.json "contributes.commands").
export const COMMANDS = {
  restartServer: "leakwatch.restartServer",
  checkWorkspace: "leakwatch.runWorkspaceCheck",
  showOutput: "leakwatch.showOutput",
} as const;

// The server's own command (lsp/handler.go). The extension's command has a
// different id because vscode-languageclient registers the server's
// commands itself once the server is up; reusing the id would clash.
export const SERVER_COMMAND_CHECK_WORKSPACE = "leakwatch.checkWorkspace";

// The settings the extension reads (package.json "contributes.configuration").
export const SETTINGS = ["leakwatch.path", "leakwatch.rules", "leakwatch.trace.server"] as const;
