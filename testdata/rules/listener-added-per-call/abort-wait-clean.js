// Functions that wait for the abort itself: the promise they wait on is
// settled only by the "abort" listener, so no call settles before the signal
// has aborted, and an aborted signal never fires again. They are private to
// the file and every caller awaits them, so no caller stops waiting and
// leaves the listener behind.

// Kept in a const and awaited right after.
async function untilCancelled(signal, banner) {
  const cancelled = new Promise((resolve) => {
    signal.addEventListener("abort", () => {
      banner.hide(signal.reason);
      resolve();
    });
  });

  await cancelled;
}

// Returned directly, settled with reject only.
function rejectOnAbort(signal) {
  return new Promise((_, reject) => {
    signal.addEventListener("abort", () => reject(signal.reason));
  });
}

// The executor's resolve is the listener itself.
const aborted = async ({ signal }) => {
  await new Promise((resolve) => signal.addEventListener("abort", resolve));
  return "aborted";
};

async function showPrompt(prompt, banner) {
  const controller = new AbortController();
  prompt.onAnswer(() => controller.abort("answered"));
  await untilCancelled(controller.signal, banner);
  try {
    await rejectOnAbort(controller.signal);
  } catch {
    return await aborted(controller);
  }
}

module.exports = { showPrompt };
