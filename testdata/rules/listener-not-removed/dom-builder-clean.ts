import { Disposable, dom, Observable } from "grainjs";

// A class with a teardown that builds its markup with grainjs: dom.on(type,
// fn) binds fn to the button being built, and grainjs disposes that
// listener with the button; nothing is added to dom itself, so close()
// has nothing to take off.
export class ImportDialog extends Disposable {
  private _body = Observable.create<any>(this, null);

  public showError(message: string) {
    this._body.set([
      dom("p", "Import failed: ", message),
      bigButton("Close", dom.on("click", () => this.close())),
    ]);
  }

  public close() {
    this._body.set(null);
  }
}

function bigButton(label: string, ...args: any[]) {
  return dom("button.big", label, ...args);
}
