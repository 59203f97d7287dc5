// A test file: the fake queue below stands in for a browser API while a
// hook is tested, and each request gets the signal the hook made for it.
// What the fake adds lives at most as long as the test, so it is no
// per-request code of the application (silent).
interface Pending {
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason?: unknown) => void;
}

class FakeQueue {
  private waiting: Pending[] = [];

  request(options: { signal?: AbortSignal }, run: () => Promise<unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const entry = { run, resolve, reject };
      options.signal?.addEventListener(
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

declare const fetchDetail: { mockImplementationOnce(fn: (id: string, signal: AbortSignal) => Promise<unknown>): void };

fetchDetail.mockImplementationOnce(
  (_id: string, signal: AbortSignal) =>
    new Promise((resolve) => {
      signal.addEventListener("abort", () => resolve(null), { once: true });
    }),
);

export const queue = new FakeQueue();
