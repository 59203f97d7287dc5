// Plain classes with a teardown method whose lifetime we cannot see: what
// they are handed may live exactly as long as they do. Only targets that
// certainly outlive them, or that are declared as accumulating emitters,
// are reported (see node-and-plain-classes.ts for those).

interface Connection {
  on(request: string, handler: (args: unknown) => unknown): void;
}

// An RPC connection keeps one handler per request name: registering again
// replaces it, and the session and its handlers end together.
export class SessionHandlers {
  constructor(private readonly conn: Connection) {
    this.conn.on("launch", (args) => this.launch(args));
    conn.on("pause", () => this.pause());
  }

  dispose(): void {
    this.paused = false;
  }

  private paused = false;
  private launch(args: unknown) {
    return args;
  }
  private pause() {
    this.paused = true;
  }
}

// A worker the class starts itself, kept on the instance.
export class Hasher {
  private worker?: Worker;

  private start(): Worker {
    const w = (this.worker = new Worker("./hash.js"));
    w.addEventListener("message", (m) => this.settle(m));
    return w;
  }

  dispose(): void {
    this.worker?.terminate();
  }

  private settle(m: MessageEvent) {
    return m.data;
  }
}
