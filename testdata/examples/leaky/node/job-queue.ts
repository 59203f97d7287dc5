// Node: a job queue fed by a shared message broker (an EventEmitter).
import type { EventEmitter } from "node:events";

type Job = { id: string; payload: unknown };

export class JobQueue {
  private pending = new Map<string, Job>();

  constructor(private broker: EventEmitter) {
    // Leak: close() never takes this listener off the broker, so a closed
    // queue keeps receiving jobs and is never collected.
    broker.on("job", this.onJob);
  }

  take(): Job | undefined {
    const [next] = this.pending.values();
    if (next) this.pending.delete(next.id);
    return next;
  }

  close(): void {
    this.pending.clear();
  }

  private onJob = (job: Job) => {
    this.pending.set(job.id, job);
  };
}
