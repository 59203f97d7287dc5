// Per-key holders whose contents this file removes: what each key keeps is
// managed, and only an emptied holder per key stays.
const activeUploads = new Map<string, WeakMap<File, Promise<string>>>();

export function upload(folderId: string, file: File, send: (f: File) => Promise<string>): Promise<string> {
  const existing = activeUploads.get(folderId)?.get(file);
  if (existing) return existing;
  const pending = send(file).finally(() => {
    activeUploads.get(folderId)?.delete(file);
  });
  const byFile = activeUploads.get(folderId) ?? new WeakMap<File, Promise<string>>();
  byFile.set(file, pending);
  activeUploads.set(folderId, byFile);
  return pending;
}

// A record per definition id; the instances in it leave when they unmount.
interface Definition {
  render(): void;
}
const records = new Map<string, { definition: Definition; instances: Set<object> }>();

export function track(id: string, definition: Definition, instance: object): void {
  if (!records.has(id)) records.set(id, { definition, instances: new Set() });
  records.get(id)!.instances.add(instance);
}

export function untrack(id: string, instance: object): void {
  const record = records.get(id);
  record?.instances.delete(instance);
}
