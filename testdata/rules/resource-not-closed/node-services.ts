// Node services: disposable classes and per-request connections.
import net from "node:net";
import tls from "node:tls";
import http from "node:http";
import { Worker } from "node:worker_threads";
import { Pool } from "pg";
import WebSocket, { WebSocketServer } from "ws";

// A class with a dispose() that forgets what it opened.
export class MetricsShipper {
  private socket: net.Socket;
  private pool = new Pool({ max: 2 }); // want "resource-not-closed"
  private upstream?: WebSocket;

  constructor(host: string, port: number) {
    this.socket = net.connect(port, host); // want "resource-not-closed"
  }

  connectUpstream(url: string): void {
    this.upstream = new WebSocket(url); // want "resource-not-closed"
  }

  ship(line: string): void {
    this.socket.write(line + "\n");
    this.upstream?.send(line);
  }

  dispose(): void {
    console.log("shipper disposed");
  }
}

// A worker kept by a job runner that never terminates it on close().
export class JobRunner {
  private worker: Worker;

  constructor(file: string) {
    this.worker = new Worker(file); // want "resource-not-closed"
  }

  run(job: unknown): void {
    this.worker.postMessage(job);
  }

  close(): void {
    this.worker.removeAllListeners();
  }
}

// A TLS connection opened per request and never ended.
http.createServer((req, res) => {
  const upstream = tls.connect({ host: "audit.internal", port: 6514 }); // want "resource-not-closed"
  upstream.write(`${req.method} ${req.url}\n`);
  res.end("ok");
}).listen(8080);

// A backend WebSocket per client connection, never closed when the client leaves.
const wss = new WebSocketServer({ port: 8081 });
wss.on("connection", (client) => {
  const backend = new WebSocket("ws://backend.internal/feed"); // want "resource-not-closed"
  backend.on("message", (data) => client.send(data));
});

// A socket per loop iteration.
export function probe(hosts: string[]): void {
  for (const host of hosts) {
    const s = net.createConnection(443, host); // want "resource-not-closed"
    s.on("connect", () => console.log(`${host} up`));
  }
}

// Clean: the class closes everything in its teardown.
export class CleanShipper {
  private socket = net.connect(9000, "metrics.internal");
  private pool = new Pool();
  private upstream?: WebSocket;

  open(url: string): void {
    this.upstream = new WebSocket(url);
  }

  async dispose(): Promise<void> {
    this.socket.end();
    this.upstream?.close();
    await this.pool.end();
  }
}

// Clean: per-connection backend closed with the client.
wss.on("connection", (client) => {
  const backend = new WebSocket("ws://backend.internal/feed");
  backend.on("message", (data) => client.send(data));
  client.on("close", () => backend.close());
});

// Clean: a worker started for a one-off job exits by itself.
export function resizeAll(files: string[]): void {
  const worker = new Worker("./resize.js", { workerData: files });
  worker.on("error", (err) => console.error(err));
}

// Clean: a socket whose life is driven by the remote end.
export function fetchBanner(host: string, cb: (banner: string) => void): void {
  const socket = net.connect(22, host);
  socket.once("data", (d) => {
    cb(d.toString());
    socket.end();
  });
}
