// Takes three heap snapshots of a page in Debian's Chromium around two rounds
// of a leak: a window listener per panel, whose closure keeps the removed
// (detached) panel alive. Used by scripts/e2e-heap-chromium.sh to check that
// leakwatch reads snapshots written by Chromium, not only by Node.
//
//   node snapshots.mjs OUTDIR
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

// playwright-core comes from the VS Code end-to-end test's pinned install.
const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../../../editors/vscode/e2e/package.json"));
const { chromium } = require("playwright-core");
import fs from "node:fs";

const out = process.argv[2];
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const page = await browser.newPage();
await page.setContent(`<html><body><div id=app></div><script>
  window.kept = [];
  window.round = () => {
    for (let i = 0; i < 200; i++) {
      const panel = document.createElement("section");
      panel.className = "DetachedPanel";
      panel.appendChild(document.createElement("p"));
      document.getElementById("app").appendChild(panel);
      window.addEventListener("resize", function onResize() { panel.textContent = String(innerWidth); });
      document.getElementById("app").removeChild(panel);
    }
  };
</script></body></html>`);
const cdp = await page.context().newCDPSession(page);
await cdp.send("HeapProfiler.enable");
async function snapshot(file) {
  await cdp.send("HeapProfiler.collectGarbage");
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on("HeapProfiler.addHeapSnapshotChunk", onChunk);
  await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  cdp.off("HeapProfiler.addHeapSnapshotChunk", onChunk);
  fs.writeFileSync(file, chunks.join(""));
}
await snapshot(out + "/base.heapsnapshot");
await page.evaluate(() => window.round());
await snapshot(out + "/target.heapsnapshot");
await page.evaluate(() => window.round());
await snapshot(out + "/final.heapsnapshot");
await browser.close();
