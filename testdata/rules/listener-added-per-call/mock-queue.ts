// The leaking twin of mock-queue.test.ts: the same queue as application
// code. Callers may share one signal across many requests, and a signal
// that never aborts keeps every request's listener, { once: true } or not.
interface Pending {
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason?: unknown) => void;
}

export class RequestQueue {
  private waiting: Pending[] = [];

  request(options: { signal?: AbortSignal }, run: () => Promise<unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const entry = { run, resolve, reject };
      options.signal?.addEventListener( // want "listener-added-per-call: .abort. listener on options.signal is added on each call of .*request and never removed when the call settles"
        "abort",
        () => {
          this.waiting = this.waiting.filter((e) => e !== entry);
          reject(new Error("aborted"));
        },
        { once: true },
      );
      this.waiting.push(entry);
    });
  }
}

export function fetchDetail(id: string, signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve) => {
    signal.addEventListener("abort", () => resolve(null), { once: true }); // want "listener-added-per-call: .abort. listener on signal is added on each call of fetchDetail"
  });
}
