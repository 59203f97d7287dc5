import { EventEmitter } from "node:events";

// Targets the owner creates or takes over die with it: not reported.
export class Connection extends EventEmitter {
  setSocket(socket, head) {
    const receiver = new Receiver();
    this._receiver = receiver;
    this._socket = socket;
    receiver.on("message", this.onMessage);
    socket.on("data", this.onData);
  }

  close() {
    this._socket.end();
  }

  onMessage() {}
  onData() {}
}

export class Panel {
  constructor() {
    this.resizer = document.createElement("div");
    this.resizer.addEventListener("pointerdown", this.onStart);
  }

  onStart = () => {
    const onEnd = () => {
      window.removeEventListener("pointermove", this.onMove);
      window.removeEventListener("pointerup", onEnd);
    };
    window.addEventListener("pointermove", this.onMove);
    window.addEventListener("pointerup", onEnd);
  };

  onMove = () => {};

  dispose() {
    this.resizer.remove();
  }
}

class Receiver extends EventEmitter {}
