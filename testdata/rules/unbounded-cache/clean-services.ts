import { Injectable as NestInjectable, Scope } from "@nestjs/common";

export enum Region {
  Eu = "eu",
  Us = "us",
}
type Theme = "dark" | "light";

const endpoints = new Map<Region, string>();
export function endpointFor(region: Region): string {
  if (!endpoints.has(region)) endpoints.set(region, `https://${region}.api.example.com`);
  return endpoints.get(region)!;
}

const stylesheets: Record<string, string> = {};
export function stylesheet(t: Theme): string {
  stylesheets[t] ??= `/themes/${t}.css`;
  return stylesheets[t];
}

const toggles = new Map<string, boolean>();
export function toggle(flag: "beta" | "darkMode", on: boolean) {
  toggles.set(flag, on);
}

// Exported class: anyone may create instances, each with its own cache.
export class Repository<T extends { id: string }> {
  private cache = new Map<string, T>();

  remember(item: T) {
    this.cache.set(item.id, item);
  }
}

// Two instances: not a singleton.
class Counter {
  private counts = new Map<string, number>();
  hit(key: string) {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}
export const reads = new Counter();
export const writes = new Counter();

// A singleton that evicts.
class SessionStore {
  private sessions = new Map<string, object>();

  save(id: string, data: object) {
    this.sessions.set(id, data);
  }

  expire(id: string) {
    this.sessions.delete(id);
  }
}
export default new SessionStore();

// A singleton filled only by its constructor.
class Catalog {
  private byCode = new Map<string, string>();

  constructor(entries: [string, string][]) {
    for (const [code, name] of entries) this.byCode.set(code, name);
  }

  lookup(code: string) {
    return this.byCode.get(code);
  }
}
export const catalog = new Catalog([["eu", "Europe"]]);

// A static field that is reset.
export class Tracer {
  static spans: string[] = [];
  static span(name: string) {
    Tracer.spans.push(name);
  }
  static flush() {
    const out = Tracer.spans;
    Tracer.spans = [];
    return out;
  }
}

// NestJS request-scoped providers live for one request.
@NestInjectable({ scope: Scope.REQUEST })
export class RequestContext {
  private readonly values = new Map<string, unknown>();
  set(key: string, value: unknown) {
    this.values.set(key, value);
  }
}

// Instance field of a plain exported class created per connection.
export class Peer {
  private inbox: string[] = [];
  receive(msg: string) {
    this.inbox.push(msg);
  }
}
