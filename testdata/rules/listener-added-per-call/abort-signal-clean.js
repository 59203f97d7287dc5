const events = require("node:events");

// Removed when the call settles.
async function download(url, { signal } = {}) {
  const req = startDownload(url);
  const onAbort = () => req.cancel();
  signal.addEventListener("abort", onAbort);
  try {
    return await req.done;
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

// The Disposable is kept and disposed of.
async function upload(file, signal) {
  const task = startUpload(file);
  const disposable = events.addAbortListener(signal, () => task.cancel());
  try {
    return await task.result;
  } finally {
    disposable[Symbol.dispose]();
  }
}

// A signal the call makes itself dies with the call.
async function fetchWithTimeout(url) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  controller.signal.addEventListener("abort", () => console.warn("timed out", url));
  try {
    return await fetch(url, { signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

// Tied to another signal that the call aborts when it settles.
async function poll(url, signal) {
  const done = new AbortController();
  signal.addEventListener("abort", () => done.abort(), { signal: done.signal });
  try {
    return await fetch(url, { signal: done.signal });
  } finally {
    done.abort();
  }
}

// Not a call that settles: a plain function that wires a signal once.
function wire(signal, server) {
  signal.addEventListener("abort", () => server.close());
}

function startDownload() {}
function startUpload() {}

module.exports = { download, upload, fetchWithTimeout, poll, wire };
