export class Disposable {
  close(): void {
    this.onClose();
  }

  protected onClose(): void {}
}
