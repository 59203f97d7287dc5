// An exported class whose module also creates the instance the program uses:
// other files may make more, but this one lives as long as the process.
import type { Request } from "express";

interface Quota {
  used: number;
  limit: number;
}

export class QuotaTracker {
  private readonly byAccount: Map<string, Quota> = new Map();

  charge(req: Request, cost: number): boolean {
    const accountId = req.params.accountId;
    let quota = this.byAccount.get(accountId);
    if (!quota) {
      quota = { used: 0, limit: 1000 };
      this.byAccount.set(accountId, quota); // want "unbounded-cache: Map `this.byAccount` of the QuotaTracker instance the module keeps only grows: QuotaTracker.charge\(\) adds an entry for every new key \(keyed by `accountId`\)"
    }
    quota.used += cost;
    return quota.used <= quota.limit;
  }
}

export const quotas = new QuotaTracker();

// Kept in a constant whose methods the module exports.
export class SessionIndex {
  private sessions: Record<string, number> = {};

  touch = (sessionId: string): void => {
    this.sessions[sessionId] = Date.now(); // want "unbounded-cache: object `this.sessions` of the SessionIndex instance the module keeps"
  };
}

const index = new SessionIndex();
export const { touch } = index;
