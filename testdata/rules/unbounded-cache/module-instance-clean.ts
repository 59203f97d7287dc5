// Exported classes whose collections go with their instances, or stay
// bounded: nothing here is reported.
import type { Request } from "express";

// Created per request: each tracker goes with its request.
export class RequestTrace {
  private readonly spans: Map<string, number> = new Map();

  start(spanId: string): void {
    this.spans.set(spanId, Date.now());
  }
}

export function handle(req: Request): RequestTrace {
  const trace = new RequestTrace();
  trace.start(req.params.spanId);
  return trace;
}

// The module's instance evicts what it no longer needs.
export class ConnectionTable {
  private readonly byId: Map<string, WebSocket> = new Map();

  add(connectionId: string, ws: WebSocket): void {
    this.byId.set(connectionId, ws);
  }

  remove(connectionId: string): void {
    this.byId.delete(connectionId);
  }
}

export const connections = new ConnectionTable();

// Keyed by classes: bounded by the classes the program defines.
type Constructor = new (...args: any[]) => unknown;

export class Serializers {
  private readonly byClass: Map<Constructor, (value: unknown) => string> = new Map();

  use<P extends Constructor>(model: P, serialize: (value: unknown) => string): void {
    this.byClass.set(model, serialize);
  }

  register(model: typeof Object, serialize: (value: unknown) => string): void {
    this.byClass.set(model, serialize);
  }
}

export const serializers = new Serializers();

// Keyed by a small fixed set.
type Channel = "email" | "sms" | "push";

export class Counters {
  private readonly sent: Record<string, number> = {};

  count(channel: Channel): void {
    this.sent[channel] = (this.sent[channel] ?? 0) + 1;
  }
}

export default new Counters();

// Subclassed in this file: instances of several classes share the field.
export class BaseCache {
  protected entries: Map<string, string> = new Map();

  put(entryId: string, value: string): void {
    this.entries.set(entryId, value);
  }
}

class ScopedCache extends BaseCache {}

export const scoped = new ScopedCache();
