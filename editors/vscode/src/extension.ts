// The VS Code side of leakwatch: starts `leakwatch lsp` over stdio and keeps
// it in step with the leakwatch.* settings. Decisions that can be tested
// without VS Code (which binary, what to send, what the status bar says) live
// in binary.ts, settings.ts and status.ts; this file only wires them up.

import * as fs from "node:fs";
import * as os from "node:os";
import { execFile } from "node:child_process";
import * as vscode from "vscode";
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";

import { goInstallDirs, INSTALL_COMMAND, resolveBinary, Resolved } from "./binary";
import { didChangeConfigurationSettings, initializationOptions, needsRestart, normalizeRules, sameRules, Severity } from "./settings";
import { COMMANDS, LANGUAGES, SERVER_COMMAND_CHECK_WORKSPACE } from "./manifest";
import { crashMessage, CrashPolicy, ServerState, stateFromClient, statusView, summaryMessage, WorkspaceSummary } from "./status";


const realFs = {
  isFile(p: string): boolean {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  },
  isExecutable(p: string): boolean {
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
};

class Leakwatch implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private binary: Resolved | undefined;
  // The rules sent in initializationOptions to the running server.
  private rulesAtStart: Record<string, Severity> = {};
  private rulesSent: Record<string, Severity> = {};
  private knownRules: string[] | undefined;
  // Set while the extension itself stops the server, so that the Stopped
  // state it causes is not shown as a crash.
  private stopping = false;
  // Why the server is not running, for the status bar's tooltip.
  private lastError: string | undefined;
  private readonly crashes = new CrashPolicy();
  private readonly output: vscode.OutputChannel;
  private readonly status: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  // Serialises start/stop/restart so that quick setting edits do not race.
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel("leakwatch");
    this.status = vscode.window.createStatusBarItem("leakwatch.status", vscode.StatusBarAlignment.Right, 100);
    this.status.name = "leakwatch";
    this.disposables.push(this.output, this.status);
  }

  activate(): void {
    const ctx = this.context;
    ctx.subscriptions.push(
      vscode.commands.registerCommand(COMMANDS.restartServer, () => this.enqueue(() => this.restart())),
      vscode.commands.registerCommand(COMMANDS.checkWorkspace, () => this.checkWorkspace()),
      vscode.commands.registerCommand(COMMANDS.showOutput, () => this.output.show(true)),
      vscode.workspace.onDidChangeConfiguration((e) => this.onConfigurationChanged(e)),
      this,
    );
    this.enqueue(() => this.start());
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(task, task).catch((err) => this.log(`unexpected error: ${err?.stack ?? err}`));
    return this.queue;
  }

  private log(line: string): void {
    this.output.appendLine(`[client ${new Date().toISOString()}] ${line}`);
  }

  private setStatus(state: ServerState, detail?: string): void {
    const view = statusView(state, detail);
    this.status.text = view.text;
    this.status.tooltip = view.tooltip;
    this.status.command = view.command;
    this.status.backgroundColor = view.background ? new vscode.ThemeColor(view.background) : undefined;
    this.status.show();
  }

  private resolve(): Resolved {
    const config = vscode.workspace.getConfiguration("leakwatch");
    const home = os.homedir();
    return resolveBinary({
      configured: config.get<string>("path", ""),
      extensionPath: this.context.extensionPath,
      platform: process.platform,
      arch: process.arch,
      workspaceFolders: vscode.workspace.workspaceFolders?.map((f) => f.uri.fsPath),
      workspaceTrusted: vscode.workspace.isTrusted,
      envPath: process.env.PATH,
      envPathExt: process.env.PATHEXT,
      home,
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      goBinDirs: goInstallDirs({ GOBIN: process.env.GOBIN, GOPATH: process.env.GOPATH }, home, process.platform),
      fs: realFs,
    });
  }

  /**
   * The ids the binary knows, so the server never sees one it would reject.
   * Asynchronous: the extension host runs every extension's code, and a slow
   * disk must not freeze them all.
   */
  private askRuleIds(binary: string): Promise<string[] | undefined> {
    return new Promise((resolve) => {
      execFile(binary, ["rules", "--json"], { encoding: "utf8", timeout: 10_000 }, (err, stdout) => {
        if (err || !stdout) {
          this.log(`could not list the rules with \`${binary} rules --json\` (${err?.message ?? "no output"}); sending leakwatch.rules unchecked`);
          resolve(undefined);
          return;
        }
        try {
          const list = JSON.parse(stdout) as Array<{ id?: unknown }>;
          resolve(list.map((r) => r.id).filter((id): id is string => typeof id === "string"));
        } catch (parseErr) {
          this.log(`\`${binary} rules --json\` printed something that is not JSON: ${parseErr}`);
          resolve(undefined);
        }
      });
    });
  }

  private currentRules(): Record<string, Severity> {
    const raw = vscode.workspace.getConfiguration("leakwatch").get("rules");
    const { rules, problems } = normalizeRules(raw, this.knownRules);
    if (problems.length > 0) {
      for (const p of problems) {
        this.log(p);
      }
      void vscode.window.showWarningMessage(`leakwatch: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more; see the output)` : ""}`, "Open settings").then((pick) => {
        if (pick) {
          void vscode.commands.executeCommand("workbench.action.openSettings", "leakwatch.rules");
        }
      });
    }
    return rules;
  }

  private async start(): Promise<void> {
    this.lastError = undefined;
    this.setStatus("starting");
    const binary = this.resolve();
    this.binary = binary;
    if (!binary.ok) {
      this.log(binary.message);
      this.setStatus("error", binary.message);
      void this.showMissingBinary(binary.message);
      return;
    }
    if (binary.bundled && !realFs.isExecutable(binary.path)) {
      // Some unzip paths drop file modes; the bundled binary is ours to fix.
      try {
        fs.chmodSync(binary.path, 0o755);
      } catch (err) {
        this.log(`could not make ${binary.path} executable: ${err}`);
      }
    }
    this.log(`starting ${binary.path} lsp (found via ${binary.source})`);
    this.knownRules = await this.askRuleIds(binary.path);
    const rules = this.currentRules();

    const serverOptions: ServerOptions = {
      command: binary.path,
      args: ["lsp"],
      transport: TransportKind.stdio,
      options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: LANGUAGES.flatMap((language) => [
        { scheme: "file", language },
        { scheme: "untitled", language },
      ]),
      initializationOptions: initializationOptions(rules),
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      diagnosticCollectionName: "leakwatch",
      errorHandler: {
        error: (_error, _message, count) =>
          count !== undefined && count > 3 ? { action: ErrorAction.Shutdown } : { action: ErrorAction.Continue },
        closed: () => this.onServerClosed(binary.path),
      },
    };
    const client = new LanguageClient("leakwatch", "leakwatch", serverOptions, clientOptions);
    this.client = client;
    client.onDidChangeState((e) => {
      if (this.client !== client) {
        return; // a replaced client's last words
      }
      const state = stateFromClient(e.newState, this.stopping);
      this.setStatus(state, state === "running" ? binary.path : state === "error" ? this.lastError : undefined);
    });
    try {
      await client.start();
      this.rulesAtStart = rules;
      this.rulesSent = rules;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.log(`the server did not start: ${reason}`);
      this.lastError = reason;
      this.setStatus("error", reason);
      const pick = await vscode.window.showErrorMessage(
        `leakwatch: ${binary.path} lsp did not start (${reason}). Install a current leakwatch with \`${INSTALL_COMMAND}\` or set leakwatch.path.`,
        "Show output",
        "Open settings",
      );
      this.onPick(pick);
    }
  }

  private onServerClosed(binary: string) {
    if (this.crashes.crashed(Date.now())) {
      this.log(`the server exited; restarting it (crash ${this.crashes.recent} of ${this.crashes.maxRestarts} allowed in ${this.crashes.windowMs / 60000} minutes)`);
      return { action: CloseAction.Restart, handled: true };
    }
    const message = crashMessage(this.crashes.recent, this.crashes.windowMs / 60000, binary);
    this.lastError = message;
    this.setStatus("error", message);
    void vscode.window.showErrorMessage(`leakwatch: ${message}`, "Restart", "Show output", "Open settings").then((pick) => this.onPick(pick));
    return { action: CloseAction.DoNotRestart, message, handled: true };
  }

  private onPick(pick: string | undefined): void {
    switch (pick) {
      case "Restart":
        void this.enqueue(() => this.restart());
        break;
      case "Show output":
        this.output.show(true);
        break;
      case "Open settings":
        void vscode.commands.executeCommand("workbench.action.openSettings", "leakwatch.path");
        break;
      case "Copy install command":
        void vscode.env.clipboard.writeText(INSTALL_COMMAND);
        break;
    }
  }

  private async showMissingBinary(message: string): Promise<void> {
    const pick = await vscode.window.showErrorMessage(`leakwatch: ${message}`, "Copy install command", "Open settings", "Restart");
    this.onPick(pick);
  }

  private async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) {
      return;
    }
    this.stopping = true;
    try {
      // stop() waits for shutdown's answer; a hung server must not hang
      // the editor, so give up after a few seconds (the client then kills it).
      await client.stop(3000);
    } catch (err) {
      this.log(`stopping the server: ${err}`);
    } finally {
      this.stopping = false;
    }
    this.setStatus("stopped");
  }

  private async restart(): Promise<void> {
    await this.stop();
    this.crashes.reset();
    await this.start();
  }

  private onConfigurationChanged(e: vscode.ConfigurationChangeEvent): void {
    if (e.affectsConfiguration("leakwatch.path")) {
      this.log("leakwatch.path changed; restarting the server");
      void this.enqueue(() => this.restart());
      return;
    }
    if (e.affectsConfiguration("leakwatch.rules")) {
      void this.enqueue(async () => {
        const rules = this.currentRules();
        const client = this.client;
        if (!client || client.state !== State.Running) {
          return; // the next start reads the settings anyway
        }
        if (needsRestart(this.rulesAtStart, rules)) {
          this.log("a rule was removed from leakwatch.rules; restarting the server so it goes back to its default");
          await this.restart();
          return;
        }
        if (sameRules(rules, this.rulesSent)) {
          return;
        }
        await client.sendNotification(DidChangeConfigurationNotification.type, { settings: didChangeConfigurationSettings(rules) });
        this.rulesSent = rules;
      });
    }
  }

  private async checkWorkspace(): Promise<void> {
    const client = this.client;
    if (!client || client.state !== State.Running) {
      const pick = await vscode.window.showWarningMessage("leakwatch: the server is not running, so the workspace cannot be checked.", "Restart", "Show output");
      this.onPick(pick);
      return;
    }
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showWarningMessage("leakwatch: open a folder first; there is no workspace to check.");
      return;
    }
    try {
      // The server reports progress itself (window/workDoneProgress/create).
      const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMAND_CHECK_WORKSPACE, arguments: [] })) as WorkspaceSummary | null;
      void vscode.window.showInformationMessage(summaryMessage(result));
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.log(`checkWorkspace failed: ${reason}`);
      void vscode.window.showErrorMessage(`leakwatch: checking the workspace failed: ${reason}`);
    }
  }

  dispose(): void {
    void this.stop();
    for (const d of this.disposables) {
      d.dispose();
    }
  }

  /** Resolves when the server has stopped; VS Code waits on deactivate(). */
  async shutdown(): Promise<void> {
    await this.stop();
  }
}

let instance: Leakwatch | undefined;

export function activate(context: vscode.ExtensionContext): void {
  instance = new Leakwatch(context);
  instance.activate();
}

export async function deactivate(): Promise<void> {
  await instance?.shutdown();
  instance = undefined;
}
