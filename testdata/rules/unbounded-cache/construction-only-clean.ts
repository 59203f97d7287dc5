// A root service whose field initialisers build its models through a
// private helper that also lists them: the list is filled once, while the
// one instance is constructed.
import { Injectable } from "@angular/core";

interface Model {
  key: string;
  load(): Promise<unknown>;
}

@Injectable({ providedIn: "root" })
export class PersistenceService {
  private models: Model[] = [];

  tasks = this.model("tasks");
  notes = this.model("notes");
  projects = this.entityModel("projects");
  #extras: Model[] = [];
  reminders = this.#extra("reminders");

  constructor() {
    this.model("settings");
  }

  loadAll(): Promise<unknown[]> {
    return Promise.all([...this.models, ...this.#extras].map((m) => m.load()));
  }

  private model(key: string): Model {
    const model = { key, load: () => fetch("/api/" + key).then((r) => r.json()) };
    this.models.push(model);
    return model;
  }

  // Called only from a field initialiser, so it too runs once.
  private entityModel(key: string): Model {
    return this.model(key + "/entities");
  }

  #extra(key: string): Model {
    const model = { key, load: () => Promise.resolve(key) };
    this.#extras.push(model);
    return model;
  }
}
