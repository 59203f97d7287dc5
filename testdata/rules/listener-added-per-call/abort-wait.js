// The twins of abort-wait-clean.js: calls end, or their callers stop
// waiting for them, while their "abort" listener stays on the caller's
// signal.

// Settled by the job too.
async function untilCancelledOrDone(signal, job) {
  const finished = new Promise((resolve) => {
    signal.addEventListener("abort", () => resolve("cancelled")); // want "listener-added-per-call: .abort. listener on signal is added on each call of untilCancelledOrDone"
    job.onDone(() => resolve("done"));
  });

  return await finished;
}

// Awaited only after other work that can end the call first.
async function cancelAware(signal, load) {
  const cancelled = new Promise((resolve) => {
    signal.addEventListener("abort", resolve); // want "listener-added-per-call"
  });
  const data = await load();
  if (data) return data;
  await cancelled;
  return null;
}

// Not what the function waits for: the call ends with the upload.
async function upload(signal, file, tracker) {
  new Promise((resolve) => signal.addEventListener("abort", resolve)).then(() => tracker.cancel(file)); // want "listener-added-per-call"
  return await file.send();
}

// Waits for the abort only, but raced: when the work wins, the race is
// over and the loser's listener stays on the shared signal.
function abortedWith(signal) {
  return new Promise((_, reject) => {
    signal.addEventListener("abort", () => reject(signal.reason)); // want "listener-added-per-call: .abort. listener on signal is added on each call of abortedWith"
  });
}

async function withCancel(work, signal) {
  return await Promise.race([work(), abortedWith(signal)]);
}

// Waits for the abort only, but exported: callers elsewhere may race it.
async function whenAborted(signal) {
  await new Promise((resolve) => signal.addEventListener("abort", resolve)); // want "listener-added-per-call: .abort. listener on signal is added on each call of whenAborted"
}

async function stop(signal) {
  await whenAborted(signal);
}

module.exports = { untilCancelledOrDone, cancelAware, upload, withCancel, whenAborted, stop };
