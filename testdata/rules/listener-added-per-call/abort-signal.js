const { addAbortListener } = require("node:events");

// The caller's signal outlives each call: every download leaves its
// "abort" listener (and the request it closes over) on the signal.
async function download(url, { signal } = {}) {
  const req = startDownload(url);
  signal.addEventListener("abort", () => req.cancel()); // want "listener-added-per-call: .abort. listener on signal is added on each call of download"
  return await req.done;
}

// { once: true } does not help: the signal may never abort.
function waitFor(job, options) {
  return new Promise((resolve, reject) => {
    options.signal.addEventListener("abort", () => reject(job.cancel()), { once: true }); // want "listener-added-per-call"
    job.on("done", resolve);
  });
}

// addAbortListener's Disposable thrown away.
async function upload(file, signal) {
  const task = startUpload(file);
  addAbortListener(signal, () => task.cancel()); // want "listener-added-per-call: .*keep the Disposable"
  return task.result;
}

function startDownload() {}
function startUpload() {}

module.exports = { download, waitFor, upload };
