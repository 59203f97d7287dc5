// A teardown that takes members out of `this` first clears the same
// timers: `const { timer } = this` is this.timer.
export class Poller {
  start() {
    this.timer = setInterval(() => this.poll(), 1000);
    this.retry = setTimeout(() => this.start(), 5000);
  }
  poll() {}
  dispose() {
    const { timer, retry: pending } = this;
    clearInterval(timer);
    clearTimeout(pending);
  }
}
