// Each retry's wait hangs another "abort" listener on the caller's signal,
// and a signal aborts at most once: { once: true } would change nothing, so
// the message says to remove it when the wait settles and no fix offers it.
export class Syncer {
  async mainLoop(run: () => Promise<void>, signal?: AbortSignal) {
    while (true) {
      try {
        await run();
      } catch (err) {
        if (signal?.aborted) {
          return;
        }
        console.error("sync failed, retrying in 5s", err);
      }
      await Promise.race([
        new Promise<void>((resolve) => {
          setTimeout(resolve, 5000);
        }),
        new Promise((_, reject) => {
          if (signal?.aborted) {
            reject(signal.reason);
          }
          signal?.addEventListener("abort", () => { // want "listener-added-per-call: .abort. listener on signal is added on each loop iteration and never removed, so they pile up; remove it when the wait settles \(removeEventListener in a finally\): a signal aborts at most once"
            reject(signal.reason);
          });
        }),
      ]);
    }
  }
}
