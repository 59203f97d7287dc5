// dispose() calls the hook subclasses override and unsubscribes what
// subclasses keep in this.subscriptions.
export abstract class View {
  protected subscriptions: Array<{ unsubscribe(): void }> = [];

  dispose(): void {
    this.subscriptions.forEach((s) => s.unsubscribe());
    this.onDispose();
  }

  protected onDispose(): void {}
}
