// Drives the packaged leakwatch extension in real VS Code (code-server)
// through Debian's chromium, the way a user meets it: open a leaking TSX
// file, see the warning in the Problems panel and as a squiggle, read the
// rule's explanation in the hover, apply the quick fix from the light bulb
// menu, save, and see the warning go. scripts/e2e-vscode.sh installs
// everything, starts code-server and runs this with:
//
//   CODE_URL   the workbench URL, folder included
//   WORKSPACE  the folder code-server opened (the test writes its file there)
//   OUT_DIR    where screenshots go
//   CHROMIUM   the browser binary (default /usr/bin/chromium)
//
// Every wait is on something visible in the UI or on disk, with a deadline;
// a failure saves a screenshot and the page's text before exiting 1.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chromium } from "playwright-core";

const env = (name) => {
  const v = process.env[name];
  if (!v) {
    console.error(`vscode.e2e: ${name} is not set; run scripts/e2e-vscode.sh`);
    process.exit(2);
  }
  return v;
};
const CODE_URL = env("CODE_URL");
const WORKSPACE = env("WORKSPACE");
const OUT_DIR = env("OUT_DIR");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

// What the listener-not-removed rule says, explains and fixes. The expected
// file is the rule's own fix (what `leakwatch check --fix` writes), typed
// out here so that a change in the fix shows up as a failing test.
const FILE = "WindowWidth.tsx";
const LEAKING = `import { useEffect, useState } from "react";

export function WindowWidth() {
  const [width, setWidth] = useState(window.innerWidth);

  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener("resize", onResize);
  }, []);

  return <span>{width}px</span>;
}
`;
const FIXED = `import { useEffect, useState } from "react";

export function WindowWidth() {
  const [width, setWidth] = useState(window.innerWidth);

  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener("resize", onResize);
    return () => {
      window.removeEventListener("resize", onResize);
    };
  }, []);

  return <span>{width}px</span>;
}
`;
const MESSAGE = `"resize" listener added to window is never removed; call removeEventListener in the cleanup function useEffect returns`;
const EXPLANATION = "A listener keeps its handler alive";
const FIX_TITLE = "Remove the listener in the cleanup function useEffect returns";

// Deadlines. The first one covers code-server loading the workbench and
// the extension host starting the server; the rest are UI reactions.
const LOAD_MS = 90_000;
const STEP_MS = 30_000;

let shot = 0;
async function screenshot(page, name) {
  shot++;
  const file = path.join(OUT_DIR, `${String(shot).padStart(2, "0")}-${name}.png`);
  await page.screenshot({ path: file }).catch((err) => console.error(`  (screenshot ${file} failed: ${err.message})`));
  return file;
}

function step(what) {
  console.log(`--> vscode.e2e: ${what}`);
}

/** Polls check() until it returns a truthy value or the deadline passes. */
async function until(what, check, ms = STEP_MS) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const v = await check();
      if (v) {
        return v;
      }
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms / 1000}s waiting for ${what}${last ? ` (last error: ${last.message})` : ""}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main() {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const filePath = path.join(WORKSPACE, FILE);
  fs.writeFileSync(filePath, LEAKING);

  // A persistent context on a fresh folder: the browser's profile is new
  // and is removed afterwards, whatever happens.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "leakwatch-e2e-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    await test(context, filePath);
  } catch (err) {
    console.error(`vscode.e2e: FAIL: could not start ${CHROMIUM}: ${err.message}`);
    process.exitCode = 1;
  } finally {
    await context?.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** Runs the steps, and on failure saves what shows why. */
async function test(context, filePath) {
  const page = context.pages()[0] ?? (await context.newPage());
  const browserLog = [];
  page.on("console", (m) => browserLog.push(`[${m.type()}] ${m.text()}`));
  page.on("pageerror", (e) => browserLog.push(`[pageerror] ${e.message}`));
  try {
    await run(page, filePath);
  } catch (err) {
    const file = await screenshot(page, "failure");
    const text = await page.locator("body").innerText().catch(() => "");
    fs.writeFileSync(path.join(OUT_DIR, "failure-page.txt"), text);
    fs.writeFileSync(path.join(OUT_DIR, "failure-console.txt"), browserLog.join("\n"));
    console.error(`vscode.e2e: FAIL: ${err.message}\n  screenshot: ${file}\n  page text and browser console: ${OUT_DIR}`);
    process.exitCode = 1;
  }
}

async function run(page, filePath) {
  step(`open ${CODE_URL}`);
  await page.goto(CODE_URL);
  await page.locator(".monaco-workbench").waitFor({ timeout: LOAD_MS });
  await screenshot(page, "workbench");

  step(`open ${FILE} from the Explorer`);
  const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${FILE}"]`);
  await row.waitFor({ timeout: LOAD_MS });
  await row.click();
  const editor = page.locator(".editor-instance .monaco-editor").first();
  await until(`the editor showing ${FILE}`, async () => (await editor.locator(".view-lines").innerText()).includes("addEventListener"));
  await screenshot(page, "file-open");

  // The server answers only after the extension activated and started it,
  // so this deadline covers the whole start-up.
  step("the warning appears as a squiggle");
  const squiggle = editor.locator(".squiggly-warning");
  await squiggle.first().waitFor({ timeout: LOAD_MS });
  await screenshot(page, "squiggle");

  step("the status bar item shows the server running");
  const status = page.locator(`.statusbar-item[id$="leakwatch.status"]`);
  await until("the leakwatch status item with a check mark", async () => {
    const text = (await status.innerText()).trim();
    const label = (await status.getAttribute("aria-label")) ?? "";
    return text === "leakwatch" && (await status.locator(".codicon-check").count()) === 1 && label.includes("leakwatch: running");
  });
  // The tooltip names the binary: the one inside the installed .vsix,
  // not a leakwatch that happens to be on PATH.
  const statusLabel = (await status.getAttribute("aria-label")) ?? "";
  if (!/\/leakwatch\.leakwatch-[^/]+\/bin\/leakwatch\b/.test(statusLabel)) {
    throw new Error(`the server is not the binary bundled in the .vsix: ${JSON.stringify(statusLabel)}`);
  }
  console.log(`    status item: ${JSON.stringify((await status.innerText()).trim())} (aria-label ${JSON.stringify(statusLabel)})`);
  await screenshot(page, "status-running");

  step("the Problems panel lists the warning with the rule's message");
  await page.keyboard.press("Control+Shift+M");
  const problems = page.locator(".markers-panel .monaco-list-row");
  const problem = await until("the finding in the Problems panel", async () => {
    const rows = await problems.allInnerTexts();
    return rows.find((t) => t.includes(MESSAGE));
  });
  if (!problem.includes("listener-not-removed")) {
    throw new Error(`the Problems panel row does not name the rule: ${JSON.stringify(problem)}`);
  }
  const warningIcon = problems.filter({ hasText: MESSAGE }).locator(".codicon-warning");
  await warningIcon.first().waitFor({ timeout: STEP_MS });
  console.log(`    problem: ${JSON.stringify(problem.replace(/\s+/g, " "))}`);
  await screenshot(page, "problems-panel");

  step("hovering the squiggle shows the rule's explanation");
  const box = await squiggle.first().boundingBox();
  if (!box) {
    throw new Error("the squiggle has no position on screen");
  }
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const hover = page.locator(".monaco-hover:not(.hidden)").filter({ hasText: EXPLANATION });
  await hover.first().waitFor({ timeout: STEP_MS });
  const hoverText = await hover.first().innerText();
  for (const want of [MESSAGE, EXPLANATION, "listener-not-removed"]) {
    if (!hoverText.includes(want)) {
      throw new Error(`the hover lacks ${JSON.stringify(want)}:\n${hoverText}`);
    }
  }
  await screenshot(page, "hover");
  await page.keyboard.press("Escape");
  await page.mouse.move(5, 5);

  step("the light bulb offers the rule's fix (Ctrl+.)");
  // Put the cursor on the finding: clicking the squiggled text does that.
  // The light bulb then takes its "autofix" look, which VS Code gives it
  // only when a quick fix is marked preferred, as leakwatch's fix is.
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await editor.locator(".codicon-lightbulb-autofix").first().waitFor({ timeout: STEP_MS });
  await screenshot(page, "light-bulb");
  await page.keyboard.press("Control+.");
  const menu = page.locator(".action-widget");
  const item = menu.locator(".monaco-list-row").filter({ hasText: FIX_TITLE });
  await item.first().waitFor({ timeout: STEP_MS });
  const offered = (await menu.locator(".monaco-list-row").allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  console.log(`    offered: ${JSON.stringify(offered)}`);
  // The menu opens on the preferred fix, so Enter applies it.
  await until(`the menu to open on the rule's preferred fix ${JSON.stringify(FIX_TITLE)}`, async () => (await menu.locator(".monaco-list-row.focused").innerText()).trim() === FIX_TITLE);
  await screenshot(page, "quick-fix-menu");
  await page.keyboard.press("Enter");
  await until("the fix in the editor", async () => (await editor.locator(".view-lines").innerText()).includes("removeEventListener"));

  step("save and check the file on disk");
  await page.keyboard.press("Control+S");
  await until(`${filePath} to hold the fixed text`, async () => fs.readFileSync(filePath, "utf8") === FIXED).catch((err) => {
    throw new Error(`${err.message}\n--- on disk:\n${fs.readFileSync(filePath, "utf8")}--- expected:\n${FIXED}`);
  });
  await screenshot(page, "saved");

  step("the warning disappears");
  await until("no squiggle in the editor", async () => (await squiggle.count()) === 0);
  await until("the Problems panel to be empty", async () => {
    const rows = await problems.allInnerTexts();
    return !rows.some((t) => t.includes("listener-not-removed"));
  });
  await page.locator(".markers-panel").filter({ hasText: "No problems have been detected" }).first().waitFor({ timeout: STEP_MS });
  if ((await status.locator(".codicon-check").count()) !== 1) {
    throw new Error("the status item no longer shows the server running after the fix");
  }
  await screenshot(page, "fixed");
  console.log(`--> vscode.e2e: ok; screenshots in ${OUT_DIR}`);
}

await main();
