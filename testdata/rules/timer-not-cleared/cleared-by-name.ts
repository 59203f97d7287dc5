// The names clearedByName follows must cover the field: a list that
// leaves one out, or a loop that only logs the fields, clears nothing.
export class Scheduler {
  private _pollTimer: any;
  private _pingTimer: any;

  public start() {
    this._pollTimer = setInterval(() => this.poll(), 60_000);
    this._pingTimer = setInterval(() => this.ping(), 5_000); // want "timer-not-cleared: setInterval stored in this._pingTimer keeps running after Scheduler ends"
  }

  public stop() {
    for (const name of ["_pollTimer"] as const) {
      clearInterval(this[name]);
    }
    for (const name of ["_pingTimer"] as const) {
      console.log("stopping", this[name]);
    }
  }

  private poll() {}
  private ping() {}
}

// A list built at run time could name anything.
export class Mirror {
  private _refresh: any;

  public start(fields: string[]) {
    this._refresh = setInterval(() => this.refresh(), 1000); // want "timer-not-cleared: setInterval stored in this._refresh keeps running after Mirror ends"
    this.fields = fields;
  }

  private fields: string[] = [];

  public dispose() {
    this.fields.forEach((field) => clearInterval((this as any)[field]));
  }

  private refresh() {}
}
