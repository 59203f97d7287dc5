// Loops that drain a buffer a step at a time: each run takes one piece
// of work and re-arms, and the first run that finds none left returns
// before re-arming. They stop on their own once the work is done.
export class Typewriter {
  private pending: string[] = [];
  private shown = "";
  private active = false;

  write(text: string): void {
    this.pending.push(...text.split(""));
    if (!this.active) {
      this.active = true;
      this.step();
    }
  }

  private step(): void {
    if (this.pending.length === 0) {
      this.active = false;
      return;
    }
    this.shown += this.pending.shift();
    setTimeout(() => this.step(), 15);
  }

  dispose(): void {
    this.pending = [];
  }
}

export class Outbox {
  private queue = new Set<string>();
  private sending = false;

  constructor(private send: (items: string[]) => Promise<void>) {}

  add(item: string): void {
    this.queue.add(item);
    void this.flush();
  }

  async flush(): Promise<void> {
    if (this.sending || !this.queue.size) {
      return;
    }
    this.sending = true;
    const batch = [...this.queue];
    this.queue.clear();
    await this.send(batch);
    this.sending = false;
    // Whatever arrived while sending goes next.
    setTimeout(() => void this.flush(), 100);
  }

  destroy(): void {
    this.sending = false;
  }
}
