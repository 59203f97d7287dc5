// Finding the leakwatch binary. This module must not import "vscode": the
// unit tests run it under plain Node, with the file system passed in.

import * as path from "node:path";

export const INSTALL_COMMAND = "go install github.com/leakwatch/leakwatch/cmd/leakwatch@latest";

/** The file-system questions resolution asks; tests answer them from a map. */
export interface FileSystem {
  /** Is there a regular file here? */
  isFile(p: string): boolean;
  /** Can the current user execute it? */
  isExecutable(p: string): boolean;
}

export interface ResolveInput {
  /** The leakwatch.path setting; "" or undefined when unset. */
  configured?: string;
  /** The extension's install folder: the bundled binary is bin/leakwatch in it. */
  extensionPath: string;
  /** process.platform */
  platform: string;
  /** process.arch: picks the @leakwatch/cli-<platform>-<arch> package in a workspace. */
  arch?: string;
  /**
   * The workspace folders, searched in order for a leakwatch installed with
   * npm (`npm i -D leakwatch`), which pins the version per project.
   */
  workspaceFolders?: string[];
  /**
   * False in an untrusted (Restricted Mode) workspace: a binary inside the
   * workspace is then not run, since opening a folder must not execute it.
   */
  workspaceTrusted?: boolean;
  /** The PATH environment variable. */
  envPath?: string;
  /** PATHEXT on Windows; ignored elsewhere. */
  envPathExt?: string;
  /** The user's home folder, for "~" in leakwatch.path. */
  home?: string;
  /** The first workspace folder, for ${workspaceFolder} in leakwatch.path. */
  workspaceFolder?: string;
  /**
   * Where `go install` puts binaries (see goInstallDirs). Searched after PATH
   * because an editor started from a desktop menu often has a PATH without
   * them, while the user's shell has them.
   */
  goBinDirs?: string[];
  fs: FileSystem;
}

export type Resolved =
  | { ok: true; path: string; source: "setting" | "workspace" | "bundled" | "PATH" | "go-bin"; bundled: boolean }
  | { ok: false; tried: string[]; message: string };

export function executableName(platform: string): string {
  return platform === "win32" ? "leakwatch.exe" : "leakwatch";
}

export function bundledPath(extensionPath: string, platform: string): string {
  return path.join(extensionPath, "bin", executableName(platform));
}

/** Expands "~" and ${workspaceFolder} the way users write them in settings. */
export function expandPath(p: string, home?: string, workspaceFolder?: string): string {
  let out = p.trim();
  if (home && (out === "~" || out.startsWith("~/") || out.startsWith("~\\"))) {
    out = path.join(home, out.slice(1));
  }
  if (out.includes("${workspaceFolder}")) {
    if (!workspaceFolder) {
      return out; // left as is: the "not found" message then shows what was unexpandable
    }
    out = out.split("${workspaceFolder}").join(workspaceFolder);
  }
  return out;
}

/** Looks name up in PATH like a shell would, first match wins. */
export function findOnPath(name: string, envPath: string | undefined, platform: string, fs: FileSystem, envPathExt?: string): string | undefined {
  if (!envPath) {
    return undefined;
  }
  const sep = platform === "win32" ? ";" : ":";
  const exts = platform === "win32" ? (envPathExt || ".EXE;.CMD;.BAT").split(";").filter(Boolean) : [""];
  const join = platform === "win32" ? path.win32.join : path.posix.join;
  for (const dir of envPath.split(sep)) {
    if (!dir) {
      continue; // an empty PATH entry means ".", which an editor should not trust
    }
    for (const ext of exts) {
      const candidate = join(dir, name.toLowerCase().endsWith(ext.toLowerCase()) ? name : name + ext);
      if (fs.isFile(candidate) && fs.isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/**
 * The leakwatch a workspace installed with npm, or undefined. The project's
 * node_modules/.bin/leakwatch says it did; behind it, the native binary of
 * the platform package is run directly when it is where npm and yarn put it
 * (hoisted, or nested under leakwatch), because the .bin entry is a Node
 * script that needs `node` on the editor's PATH, and on Windows a .cmd file
 * that cannot be started without a shell. Other layouts (pnpm) get the .bin
 * launcher itself, except on Windows.
 */
export function findInWorkspace(folder: string, platform: string, arch: string | undefined, fs: FileSystem): string | undefined {
  const join = platform === "win32" ? path.win32.join : path.posix.join;
  const bin = join(folder, "node_modules", ".bin");
  const launcher = join(bin, "leakwatch");
  const installed = fs.isFile(launcher) || (platform === "win32" && fs.isFile(join(bin, "leakwatch.cmd")));
  if (!installed) {
    return undefined;
  }
  if (arch) {
    const pkg = join("@leakwatch", `cli-${platform}-${arch}`, "bin", executableName(platform));
    for (const native of [join(folder, "node_modules", pkg), join(folder, "node_modules", "leakwatch", "node_modules", pkg)]) {
      if (fs.isFile(native) && fs.isExecutable(native)) {
        return native;
      }
    }
  }
  if (platform !== "win32" && fs.isExecutable(launcher)) {
    return launcher;
  }
  return undefined;
}

/**
 * Picks the binary to run: leakwatch.path when set (and nothing else, so a
 * typo is reported rather than silently replaced by another binary), else
 * the one the workspace installed with npm (the project pins its version),
 * else the one bundled in the extension, else leakwatch on PATH.
 */
export function resolveBinary(input: ResolveInput): Resolved {
  const { fs, platform } = input;
  const configured = (input.configured ?? "").trim();
  if (configured) {
    const p = expandPath(configured, input.home, input.workspaceFolder);
    // A bare name ("leakwatch", "leakwatch-dev") means "look it up in PATH".
    const isBareName = !p.includes("/") && !p.includes("\\");
    const found = isBareName ? findOnPath(p, input.envPath, platform, fs, input.envPathExt) : p;
    if (found && fs.isFile(found)) {
      if (!fs.isExecutable(found)) {
        return {
          ok: false,
          tried: [found],
          message: `leakwatch.path points at ${found}, which is not executable. Run \`chmod +x ${found}\`, or install leakwatch with \`${INSTALL_COMMAND}\` and clear leakwatch.path.`,
        };
      }
      return { ok: true, path: found, source: "setting", bundled: false };
    }
    return {
      ok: false,
      tried: [isBareName ? `${p} on PATH` : p],
      message: `leakwatch.path is set to "${configured}", but there is no such file${isBareName ? " on PATH" : ""}. Install leakwatch with \`${INSTALL_COMMAND}\` or set leakwatch.path to the binary's full path.`,
    };
  }

  if (input.workspaceTrusted !== false) {
    for (const folder of input.workspaceFolders ?? []) {
      const found = findInWorkspace(folder, platform, input.arch, fs);
      if (found) {
        return { ok: true, path: found, source: "workspace", bundled: false };
      }
    }
  }

  const bundled = bundledPath(input.extensionPath, platform);
  // The bundled binary is checked for existence only: a .vsix unzipped
  // without file modes loses the executable bit, which the caller restores.
  if (fs.isFile(bundled)) {
    return { ok: true, path: bundled, source: "bundled", bundled: true };
  }
  const onPath = findOnPath(executableName(platform), input.envPath, platform, fs, input.envPathExt);
  if (onPath) {
    return { ok: true, path: onPath, source: "PATH", bundled: false };
  }
  const goBinDirs = input.goBinDirs ?? [];
  const goSep = platform === "win32" ? ";" : ":";
  const inGoBin = findOnPath(executableName(platform), goBinDirs.join(goSep), platform, fs, input.envPathExt);
  if (inGoBin) {
    return { ok: true, path: inGoBin, source: "go-bin", bundled: false };
  }
  const tried = [bundled, "leakwatch on PATH", ...goBinDirs];
  return {
    ok: false,
    tried,
    message: `The leakwatch binary was not found (looked for ${tried.join(", ")}). Install it with \`${INSTALL_COMMAND}\` or set leakwatch.path.`,
  };
}

/**
 * The folders `go install` writes to, from the environment alone (running
 * `go env` would need Go on the editor's PATH, which is the problem being
 * worked around): $GOBIN, each $GOPATH entry's bin, and ~/go/bin.
 */
export function goInstallDirs(env: { GOBIN?: string; GOPATH?: string }, home: string | undefined, platform: string): string[] {
  const join = platform === "win32" ? path.win32.join : path.posix.join;
  const dirs: string[] = [];
  if (env.GOBIN) {
    dirs.push(env.GOBIN);
  }
  if (env.GOPATH) {
    for (const entry of env.GOPATH.split(platform === "win32" ? ";" : ":")) {
      if (entry) {
        dirs.push(join(entry, "bin"));
      }
    }
  } else if (home) {
    dirs.push(join(home, "go", "bin"));
  }
  return [...new Set(dirs)];
}
