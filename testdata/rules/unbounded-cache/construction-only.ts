// The same helper when a public method (or a callback) calls it too: each
// call after construction adds another model.
import { Injectable } from "@angular/core";

interface Model {
  key: string;
  load(): Promise<unknown>;
}

@Injectable({ providedIn: "root" })
export class PersistenceService {
  private models: Model[] = [];

  tasks = this.model("tasks");

  openProject(id: string): Model {
    return this.model("projects/" + id);
  }

  private model(key: string): Model {
    const model = { key, load: () => fetch("/api/" + key).then((r) => r.json()) };
    this.models.push(model); // want "unbounded-cache: array `this.models` of the singleton PersistenceService only grows: PersistenceService.model\(\) adds an element on every call"
    return model;
  }

  loadAll(): Promise<unknown[]> {
    return Promise.all(this.models.map((m) => m.load()));
  }
}

// Public: other files may call it whenever they like.
@Injectable({ providedIn: "root" })
export class ActionsService {
  private actions: Array<() => void> = [];
  onSave = this.addAction(() => undefined);

  addAction(action: () => void): void {
    this.actions.push(action); // want "unbounded-cache: array `this.actions` of the singleton ActionsService only grows: ActionsService.addAction\(\) adds an element on every call"
  }

  run(): void {
    this.actions.forEach((a) => a());
  }
}
