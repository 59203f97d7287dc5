// Listening servers opened again and again and never closed: each keeps its
// socket or pipe and everything its connection handler captures.
import { createServer } from "node:net";
import tls from "node:tls";
import express from "express";

interface Options {
  pipe: string;
}

// A launcher opens a side-channel pipe server on every launch; dispose()
// forgets it, so each finished session leaves a listener (and the launcher
// its handler captures) behind.
export class PluginLauncher {
  private sessions = 0;

  async launch(opts: Options): Promise<void> {
    this.sessions++;
    await this.waitForHandshake(opts);
  }

  private waitForHandshake(opts: Options): Promise<string> {
    return new Promise((resolve) => {
      const server = createServer((conn) => { // want "resource-not-closed: server from createServer\(\) is never closed"
        conn.on("data", (chunk) => resolve(chunk.toString()));
      });
      server.listen(opts.pipe);
    });
  }

  dispose(): void {
    this.sessions = 0;
  }
}

// A TLS echo server per request, never closed.
const app = express();
app.post("/probe", (req, res) => {
  tls.createServer({}, (sock) => sock.end("pong")).listen(0, () => res.end("ok")); // want "resource-not-closed: server from tls.createServer\(\) is opened on every request"
});
