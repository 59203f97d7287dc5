// Clients keyed by the settings of a configured account: a new key only
// when someone edits the account, one client per configured account.
interface CaldavCfg {
  url: string;
  username: string;
  password: string;
}

declare class DavClient {
  constructor(opts: { url: string; user: string });
}

export class CalendarClients {
  private clients = new Map<string, DavClient>();

  clientFor(cfg: CaldavCfg): DavClient {
    const clientKey = `${cfg.url}|${cfg.username}|${cfg.password}`;
    let client = this.clients.get(clientKey);
    if (!client) {
      client = new DavClient({ url: cfg.url, user: cfg.username });
      this.clients.set(clientKey, client);
    }
    return client;
  }
}

export const calendarClients = new CalendarClients();

// Read from the settings object the program is given.
const mirrorStatus: Record<string, boolean> = {};

export function markMirror(settings: { primaryMirrorId: string }, ok: boolean): void {
  mirrorStatus[settings.primaryMirrorId + "/status"] = ok;
}

// Keyed by the issue provider the user configured: a handful per install.
const refreshByProvider: Record<string, number> = {};

export function refreshed(issueProviderId: string): void {
  refreshByProvider[issueProviderId] = Date.now();
}
