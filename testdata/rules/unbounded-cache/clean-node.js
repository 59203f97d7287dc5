// Every shape here keeps its collection bounded or is not a growing cache.
import fs from "node:fs";
import LRU from "lru-cache";
import express from "express";

const app = express();

// Deleted when the entry expires.
const sessions = new Map();
app.post("/login", (req, res) => {
  const token = createToken();
  sessions.set(token, { user: req.body.user });
  setTimeout(() => sessions.delete(token), 30 * 60 * 1000);
  res.json({ token });
});

// Evicted past a size limit.
const MAX = 500;
const thumbnails = new Map();
function thumbnail(path) {
  if (thumbnails.size > MAX) thumbnails.delete(thumbnails.keys().next().value);
  thumbnails.set(path, fs.readFileSync(path));
}

// Cleared by a reset function.
const seenIds = new Set();
function markSeen(id) {
  seenIds.add(id);
}
function resetSeen() {
  seenIds.clear();
}

// A queue drained by a worker.
const jobs = [];
function enqueue(job) {
  jobs.push(job);
}
setInterval(() => {
  while (jobs.length) run(jobs.shift());
}, 1000);

// A batch flushed with splice.
const pending = [];
function track(event) {
  pending.push(event);
  if (pending.length > 50) flush(pending.splice(0, pending.length));
}

// Truncated by assigning length.
const lines = [];
function log(line) {
  lines.push(line);
}
function clearLog() {
  lines.length = 0;
}

// Reassigned with filter.
let subscribers = [];
function subscribe(fn) {
  subscribers.push(fn);
  return () => {
    subscribers = subscribers.filter((s) => s !== fn);
  };
}

// Reassigned wholesale.
let stats = {};
function count(route) {
  stats[route] = (stats[route] || 0) + 1;
}
setInterval(() => {
  report(stats);
  stats = {};
}, 60000);

// Plain object with delete.
const locks = {};
function acquire(name) {
  locks[name] = true;
}
function release(name) {
  delete locks[name];
}

// Weak collections and LRU caches.
const metadata = new WeakMap();
const visited = new WeakSet();
const pages = new LRU({ max: 100 });
function annotate(req) {
  metadata.set(req, { start: Date.now() });
  visited.add(req);
  pages.set(req.url, req.body);
}

// Filled while the module loads.
const handlers = new Map();
handlers.set("json", JSON.parse);
for (const ext of ["txt", "md"]) handlers.set(ext, String);
(function loadDefaults() {
  for (const [k, v] of Object.entries(process.env)) handlers.set(k, v);
})();

// Registration functions fill registries at start-up.
const plugins = new Map();
function registerPlugin(name, plugin) {
  plugins.set(name, plugin);
}
registerPlugin("gzip", {});

// A helper only ever called at load.
const routes = [];
function route(path, fn) {
  routes.push({ path, fn });
}
route("/", () => "home");
route("/about", () => "about");

// Keys from a small fixed set.
const formatters = new Map();
function formatter(locale) {
  if (!formatters.has(locale)) formatters.set(locale, new Intl.NumberFormat(locale));
  return formatters.get(locale);
}
const byLevel = {};
function logger(level) {
  byLevel[level] ??= console[level].bind(console);
  return byLevel[level];
}
const flags = new Set();
function enableDebug() {
  flags.add("debug");
}

// Handed to other code, which may prune it.
const registry = new Map();
function remember(key, value) {
  registry.set(key, value);
}
pruneOld(registry);

const cacheForTests = new Map();
function put(key, value) {
  cacheForTests.set(key, value);
}
function getCache() {
  return cacheForTests;
}

// Part of the module's API.
export const shared = new Map();
export function share(key, value) {
  shared.set(key, value);
}

// A local collection is not module-level.
function groupBy(items, key) {
  const groups = new Map();
  for (const item of items) groups.set(item[key], item);
  return groups;
}

export { markSeen, resetSeen, enqueue, track, log, clearLog, subscribe, count, acquire, release, annotate, formatter, logger, enableDebug, remember, put, getCache, groupBy, thumbnail };
