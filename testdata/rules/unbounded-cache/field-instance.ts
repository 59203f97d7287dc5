// The same adapter held by a field of the one store the module keeps, or
// made in a static field: one instance for the life of the program.
class DocPropertiesAdapter {
  private ensured: Record<string, boolean> = {};

  ensureDoc(docId: string): void {
    if (this.ensured[docId]) return;
    this.ensured[docId] = true; // want "unbounded-cache: object `this.ensured` of the singleton DocPropertiesAdapter only grows: DocPropertiesAdapter.ensureDoc\(\) adds a property for every new key \(keyed by `docId`\)"
  }
}

class Store {
  adapter = new DocPropertiesAdapter();

  open(docId: string): void {
    this.adapter.ensureDoc(docId);
  }
}

export default new Store();

class SeenTracker {
  private seen = new Set<string>();

  mark(docId: string): void {
    this.seen.add(docId); // want "unbounded-cache: Set `this.seen` of the singleton SeenTracker only grows: SeenTracker.mark\(\) adds an entry for every new key \(keyed by `docId`\)"
  }
}

export class Registry {
  static tracker = new SeenTracker();
}
