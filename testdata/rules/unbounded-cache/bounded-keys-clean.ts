// Keys that vary but are bounded by the program or its configuration.
const formatters: Record<string, Intl.DateTimeFormat> = {};

export function formatterFor(timeZone: string): Intl.DateTimeFormat {
  return (formatters[timeZone] ??= new Intl.DateTimeFormat("en", { timeZone }));
}

const injected = new Map<string, Promise<void>>();

export function loadScript(url: string): Promise<void> {
  if (!injected.has(url)) {
    injected.set(url, import(/* @vite-ignore */ url).then(() => undefined));
  }
  return injected.get(url)!;
}

// A registry filled as plugins arrive, and messages kept by init(): bounded
// by what is installed and by start-up.
const plugins: Record<string, unknown> = {};
const startupLog: string[] = [];

export function onPluginAdded(plugin: { id: string }): void {
  plugins[plugin.id] = plugin;
}

export function init(load: () => Promise<string>): Promise<void> {
  return load().then((message) => {
    startupLog.push(message);
  });
}

// Keyed by the signed-in user of this client: one entry per session.
const profiles: Record<string, unknown> = {};

export function profileOf(app: { user: { id: string } }) {
  return (profiles[app.user.id] ??= { id: app.user.id });
}
