// Servers that are closed, handed on, or live as long as the program.
import net, { createServer } from "node:net";
import tls from "node:tls";

interface Options {
  pipe: string;
}

// Kept in a field and closed in the teardown.
export class BridgeLauncher {
  private server?: net.Server;

  launch(opts: Options): void {
    this.server = createServer((conn) => conn.end("hello"));
    this.server.listen(opts.pipe);
  }

  dispose(): void {
    this.server?.close();
  }
}

// Closed by its own handler once the one connection it waits for arrives.
export class OneShotLauncher {
  waitForHandshake(opts: Options): Promise<string> {
    return new Promise((resolve) => {
      const server = createServer((conn) => {
        conn.on("data", (chunk) => {
          server.close();
          resolve(chunk.toString());
        });
      });
      server.listen(opts.pipe);
    });
  }

  dispose(): void {}
}

// Handed to the caller through the promise (chained listen() returns the server).
export class PipeHost {
  start(pipe: string): Promise<net.Server> {
    return new Promise((resolve, reject) => {
      const s = net
        .createServer((conn) => conn.end())
        .on("error", reject)
        .listen(pipe, () => resolve(s));
    });
  }

  dispose(): void {}
}

// Returned to the caller, who owns it.
export function startEcho(port: number): net.Server {
  return tls.createServer({}, (sock) => sock.pipe(sock)).listen(port);
}

// The program's own server, opened once at load.
createServer((conn) => conn.end("up")).listen(9000);

// Opened once by the entry point.
export async function main(): Promise<void> {
  const server = createServer((conn) => conn.end("hi"));
  server.listen(9001);
}
