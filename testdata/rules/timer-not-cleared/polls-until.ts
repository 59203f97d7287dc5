// A poll that waits for a value checks it, but nothing bounds the wait:
// until the value comes, the loop re-arms forever, after the owner too.
export class StatusWatcher {
  private status: string | null = null;

  constructor(private read: () => Promise<string | null>) {
    void this.poll();
  }

  private async poll(): Promise<void> {
    this.status = await this.read();
    if (this.status === null) {
      setTimeout(() => void this.poll(), 1000); // want "timer-not-cleared: setTimeout re-arms poll\(\) on every run, so the loop keeps running after StatusWatcher ends; keep the latest timeout id and call clearTimeout on it \(or set a stop flag the loop checks\) in dispose"
    }
  }

  dispose(): void {
    console.log("watcher stopped");
  }
}
