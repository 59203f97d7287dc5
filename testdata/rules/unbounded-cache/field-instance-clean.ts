// A class whose one instance is made in another class's field initialiser
// lives as long as that object, not as long as the program: the services
// that hold it are created per workspace and dropped with it.
declare abstract class Service {}
declare class WorkspaceService {
  readonly id: string;
}

class DocPropertiesAdapter {
  private ensured: Record<string, boolean> = {};

  constructor(readonly workspace: WorkspaceService) {}

  ensureDoc(docId: string): void {
    if (this.ensured[docId]) return;
    this.ensured[docId] = true;
  }
}

export class FavoritesAdapter extends Service {
  adapter = new DocPropertiesAdapter(this.workspaceService);

  constructor(readonly workspaceService: WorkspaceService) {
    super();
  }

  open(docId: string): void {
    this.adapter.ensureDoc(docId);
  }
}
