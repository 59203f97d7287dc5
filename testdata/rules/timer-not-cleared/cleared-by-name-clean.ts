// A service that keeps several intervals in fields and stops them all in
// stop() through the fields' names, written out in a list.
export class Scheduler {
  private _pollTimer?: ReturnType<typeof setInterval>;
  private _pingTimer?: ReturnType<typeof setInterval>;
  private _flushTimer?: ReturnType<typeof setInterval>;

  public start() {
    this._pollTimer = setInterval(() => this.poll(), 60_000);
    this._pingTimer = setInterval(() => this.ping(), 5_000);
  }

  public stop() {
    for (const name of ["_pollTimer", "_pingTimer"] as const) {
      clearInterval(this[name]);
      this[name] = undefined;
    }
  }

  private poll() {}
  private ping() {}
}

const TIMER_FIELDS = ["_refresh", "_sync"] as const;

// The same with the list in a const and forEach.
export class Mirror {
  private _refresh: any;
  private _sync: any;

  public start() {
    this._refresh = setInterval(() => this.refresh(), 1000);
    this._sync = setInterval(() => this.sync(), 1000);
  }

  public dispose() {
    TIMER_FIELDS.forEach((field) => clearInterval(this[field]));
  }

  private refresh() {}
  private sync() {}
}
