// Keys that look like configuration but come with a request, or carry an
// id minted per user: these grow with the users, not with the settings.
import type { Request } from "express";

const clients = new Map<string, object>();

export function clientFor(req: Request): object {
  const clientKey = `${req.body.config.url}|${req.body.config.username}`;
  let client = clients.get(clientKey);
  if (!client) {
    client = { created: Date.now() };
    clients.set(clientKey, client); // want "unbounded-cache: module-level Map `clients` only grows: clientFor\(\) adds an entry for every new key \(keyed by `clientKey`\)"
  }
  return client;
}

interface UserCfg {
  theme: string;
}
const userSettings: Record<string, UserCfg> = {};

export function saveSettings(userId: string, cfg: UserCfg): void {
  userSettings[userId] = cfg; // want "unbounded-cache: module-level object `userSettings` only grows: saveSettings\(\) adds a property for every new key \(keyed by `userId`\)"
}
