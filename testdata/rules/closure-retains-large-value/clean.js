// Nothing here keeps a large value alive by accident.
import fs from "node:fs";
import { EventEmitter } from "node:events";

const bus = new EventEmitter();

// Module-level large values live as long as the program anyway.
const lookup = new Array(1000000).fill(0);
setInterval(() => lookup.length, 1000);

// The long-lived closure uses the whole value: keeping it is its purpose.
export async function startTicker(url, render) {
  const res = await fetch(url);
  const quotes = await res.json();
  setInterval(() => render(quotes), 1000);
  window.addEventListener("resize", () => render(quotes));
}

// Released after use.
export async function summarize(url) {
  const res = await fetch(url);
  let payload = await res.json();
  const total = payload.items.reduce((sum, item) => sum + item.amount, 0);
  payload.items.forEach((item) => console.log(item.id, payload.currency));
  payload = null;
  process.on("SIGUSR2", () => console.log(total));
}

// No closure uses the large value, so it is not in any closure context.
export function checksum(path) {
  const data = fs.readFileSync(path);
  const sum = data.reduce((a, b) => (a + b) & 0xffff, 0);
  process.on("exit", () => console.log("checksum", sum));
  return sum;
}

// Closures that are not kept: promise callbacks, one-shot timers, once
// listeners, listeners on local objects.
export async function upload(path, socket) {
  const body = fs.readFileSync(path);
  const local = new EventEmitter();
  await new Promise((resolve) => socket.write(body, resolve));
  setTimeout(() => console.log(body.length), 1000);
  window.addEventListener("beforeunload", () => console.log(body.length), { once: true });
  local.on("done", () => console.log(body.length));
  bus.once("done", () => console.log(body.length));
}

// Sizes that are not evident.
export function allocate(n, size) {
  const items = new Array(n);
  const scratch = Buffer.alloc(size);
  const small = new Array(100).fill(0);
  items.forEach(() => scratch.fill(0));
  small.forEach((x) => items.push(x));
  setInterval(() => console.log("alive"), 1000);
}

// The large value changes after the callback is created: reading it live
// is the point.
export function collect() {
  const rows = Array.from({ length: 200000 }, () => null);
  setInterval(() => console.log(rows.length), 1000);
  rows.push("late");
}

// The previous value of a module variable, kept once elsewhere, is not a
// chain.
let current = null;
export function swap(next) {
  const old = current;
  const log = () => console.log(old);
  log();
  current = next;
  setInterval(() => console.log("swapped"), 60000);
}

// Reads a module variable it does not replace.
let settings = { theme: "dark" };
export function watchSettings() {
  const snapshot = settings;
  const differs = () => snapshot !== settings;
  window.addEventListener("storage", () => console.log(differs()));
}
