// What the status bar item says in each server state, and when to stop
// restarting a crashing server. No "vscode" import, for the unit tests.

import { COMMANDS } from "./manifest";

export type ServerState = "starting" | "running" | "stopped" | "error";

// vscode-languageclient's State enum (Stopped = 1, Running = 2, Starting =
// 3). Mirrored here because importing the client pulls in "vscode".
export const CLIENT_STATE = { Stopped: 1, Running: 2, Starting: 3 } as const;

/**
 * Maps a languageclient state change to ours. A stop that the extension did
 * not ask for is an error: the server exited or could not start.
 */
export function stateFromClient(clientState: number, stopRequested: boolean): ServerState {
  switch (clientState) {
    case CLIENT_STATE.Starting:
      return "starting";
    case CLIENT_STATE.Running:
      return "running";
    default:
      return stopRequested ? "stopped" : "error";
  }
}

export interface StatusView {
  text: string;
  tooltip: string;
  /** ThemeColor id for the item's background, or undefined for the default. */
  background?: "statusBarItem.errorBackground" | "statusBarItem.warningBackground";
  /** The command a click runs. */
  command: string;
}

/** detail: the binary's path and version when running, the reason otherwise. */
export function statusView(state: ServerState, detail?: string): StatusView {
  const suffix = detail ? `\n${detail}` : "";
  switch (state) {
    case "starting":
      return { text: "$(sync~spin) leakwatch", tooltip: "leakwatch: starting the server" + suffix, command: COMMANDS.showOutput };
    case "running":
      return { text: "$(check) leakwatch", tooltip: "leakwatch: running; click for the server's output" + suffix, command: COMMANDS.showOutput };
    case "stopped":
      return { text: "$(circle-slash) leakwatch", tooltip: "leakwatch: stopped; click to restart" + suffix, command: COMMANDS.restartServer, background: "statusBarItem.warningBackground" };
    case "error":
      return { text: "$(error) leakwatch", tooltip: "leakwatch: the server is not running; click to restart" + suffix, command: COMMANDS.restartServer, background: "statusBarItem.errorBackground" };
  }
}

/**
 * Decides whether a server that exited on its own is started again: yes,
 * unless it already crashed maxRestarts times within windowMs, when a server
 * that keeps dying (a broken or wrong binary) is left stopped and the user
 * is told.
 */
export class CrashPolicy {
  private crashes: number[] = [];
  constructor(
    readonly maxRestarts = 3,
    readonly windowMs = 3 * 60 * 1000,
  ) {}

  /** Records a crash at time now; true means restart. */
  crashed(now: number): boolean {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    return this.crashes.length <= this.maxRestarts;
  }

  /** How many crashes are inside the window, for the message. */
  get recent(): number {
    return this.crashes.length;
  }

  reset(): void {
    this.crashes = [];
  }
}

export function crashMessage(crashes: number, minutes: number, binary: string): string {
  return `The leakwatch server crashed ${crashes} times in the last ${minutes} minutes and was stopped (binary: ${binary}). ` +
    `Its output has the details. If the binary is old or broken, reinstall it with \`go install github.com/leakwatch/leakwatch/cmd/leakwatch@latest\` or set leakwatch.path.`;
}

/** The result of the server's leakwatch.checkWorkspace command (lsp/workspace.go). */
export interface WorkspaceSummary {
  files: number;
  filesWithFindings: number;
  findings: number;
  cancelled?: boolean;
}

export function summaryMessage(s: WorkspaceSummary | null | undefined): string {
  if (!s || typeof s.files !== "number") {
    return "leakwatch: the workspace check finished.";
  }
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const head = s.cancelled ? "leakwatch: workspace check cancelled; so far " : "leakwatch: ";
  if (s.findings === 0) {
    return `${head}no leaks found in ${plural(s.files, "file", "files")}.`;
  }
  return `${head}${plural(s.findings, "finding", "findings")} in ${plural(s.filesWithFindings, "file", "files")} of ${s.files} checked; see the Problems panel.`;
}
