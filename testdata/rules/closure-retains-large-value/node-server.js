import fs from "node:fs";
import { EventEmitter } from "node:events";
import { render, index, validate, metrics } from "./lib.js";

const bus = new EventEmitter();
const renderers = new Map();

// The SIGHUP handler never touches `catalog`, but the forEach callback
// does, so both share one context and the handler keeps the whole
// catalog for the life of the process.
export async function loadCatalog(url) {
  const res = await fetch(url);
  const catalog = await res.json();
  const ids = catalog.products.map((p) => p.id);
  catalog.products.forEach((p) => index(p, catalog.currency));
  process.on("SIGHUP", () => { // want "closure-retains-large-value"
    console.log(`reloading ${ids.length} products`);
  });
}

// Kept in a module-level map: every template's source stays in memory.
export async function compileTemplate(name, url) {
  const source = await (await fetch(url)).text();
  validate(() => source.includes("{{"));
  renderers.set(name, (data) => render(name, data)); // want "closure-retains-large-value"
}

// Only the length is needed, the whole file is kept.
export function watchLog(path) {
  const contents = fs.readFileSync(path, "utf8");
  setInterval(() => { // want "closure-retains-large-value"
    metrics.gauge("log.size", contents.length);
  }, 10000);
}

// A listener on a module-level emitter that reads one field of a large
// parsed body.
export function trackImport(body) {
  const manifest = JSON.parse(fs.readFileSync(body.path, "utf8"));
  bus.on("import:done", function onDone(count) { // want "closure-retains-large-value"
    console.log(`${count} of ${manifest.total} entries imported into ${manifest.name}`);
  });
}

// A scratch buffer sized by the file, read once for its length.
export function preview(path) {
  const buffer = Buffer.alloc(fs.statSync(path).size);
  const handle = (msg) => msg === "size" && buffer.byteLength; // want "closure-retains-large-value"
  bus.on("preview", handle);
}
