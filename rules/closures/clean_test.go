package closures_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/rules/closures"
)

// Realistic files where nothing long-lived keeps a large value by
// accident.
var cleanSources = map[string]string{
	"Report.jsx": `import { useEffect, useState } from "react";

export function Report({ url }) {
  const [rows, setRows] = useState([]);
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const res = await fetch(url);
      const data = await res.json();
      if (!cancelled) setRows(data.rows);
    })();
    const id = setInterval(() => setRows((r) => [...r]), 60000);
    return () => {
      cancelled = true;
      clearInterval(id);
    };
  }, [url]);
  return <table>{rows.map((r) => <tr key={r.id} />)}</table>;
}
`,
	"import.mjs": `import fs from "node:fs/promises";

export async function importUsers(path, db) {
  const text = await fs.readFile(path, "utf8");
  const users = JSON.parse(text);
  for (const batch of chunk(users, 500)) {
    await db.insertMany(batch);
  }
  process.on("exit", () => console.log("import finished"));
  return users.length;
}

function chunk(items, size) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
`,
	"gallery.ts": `export function mountGallery(root: HTMLElement) {
  const images = document.querySelectorAll<HTMLImageElement>(".gallery img");
  const onResize = () => images.forEach((img) => (img.width = root.clientWidth / 4));
  window.addEventListener("resize", onResize);
  return () => window.removeEventListener("resize", onResize);
}
`,
	"worker.js": `import { parentPort } from "node:worker_threads";

parentPort.on("message", (msg) => {
  const buffer = new ArrayBuffer(msg.size);
  const view = new Uint8Array(buffer);
  view.fill(1);
  parentPort.postMessage(buffer, [buffer]);
});
`,
}

func TestRealisticCleanFiles(t *testing.T) {
	for path, src := range cleanSources {
		res := analysistest.Analyze(t, closures.RetainsLarge, path, src)
		if len(res.SyntaxErrors) > 0 {
			t.Errorf("%s: syntax error at byte %d", path, res.SyntaxErrors[0].Start)
		}
		for _, d := range res.Diagnostics {
			t.Errorf("%s: unexpected finding at byte %d: %s", path, d.Start, d.Message)
		}
	}
}
