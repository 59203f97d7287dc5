import { EventEmitter } from "node:events";
import type { Request } from "express";

interface Template {
  source: string;
  render(data: unknown): string;
}

// The one instance this module exports is the cache's owner for the life
// of the process.
class TemplateStore {
  private readonly compiled: Map<string, Template> = new Map();
  private readonly hits: Record<string, number> = {};

  compile(path: string, source: string): Template {
    const cached = this.compiled.get(path);
    if (cached) {
      // Keyed by template paths: bounded by the templates that exist.
      this.hits[path] = (this.hits[path] ?? 0) + 1;
      return cached;
    }
    const template = { source, render: (data: unknown) => source + JSON.stringify(data) };
    this.compiled.set(path, template);
    return template;
  }
}

export default new TemplateStore();

class Metrics extends EventEmitter {
  constructor() {
    super();
    this.samples = [];
  }

  record(route: string, ms: number) {
    this.samples.push({ route, ms }); // want "unbounded-cache"
    this.emit("sample", route, ms);
  }

  percentile(p: number) {
    const sorted = this.samples.map((s) => s.ms).sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) * p)];
  }

  samples: { route: string; ms: number }[];
}

export const metrics = new Metrics();

export function timed(req: Request, ms: number) {
  metrics.record(req.path, ms);
}

// Static fields live as long as the class.
export class Connection {
  static byId = new Map<string, Connection>();
  static #openedAt = new Map<Connection, number>();

  constructor(readonly id: string) {}

  static open(id: string): Connection {
    const conn = new Connection(id);
    Connection.byId.set(id, conn); // want "unbounded-cache"
    this.#openedAt.set(conn, Date.now()); // want "unbounded-cache"
    return conn;
  }
}

// A module-level object used as a store.
const store = {
  recent: [] as string[],
  remember(query: string) {
    this.recent.unshift(query); // want "unbounded-cache"
  },
};

export function search(query: string) {
  store.remember(query);
}
