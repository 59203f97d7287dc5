// An Express API with uploads, downloads, server-sent events, MongoDB and Redis.
import express, { type Request, type Response } from "express";
import { createReadStream, createWriteStream } from "node:fs";
import { open, unlink } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import path from "node:path";
import { MongoClient } from "mongodb";
import Redis from "ioredis";
import mysql from "mysql2/promise";

const app = express();
const mongo = new MongoClient(process.env.MONGO_URL ?? "mongodb://localhost:27017");
const redis = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379");
const sql = mysql.createPool({ uri: process.env.MYSQL_URL, connectionLimit: 5 });
const UPLOADS = process.env.UPLOADS ?? "/tmp/uploads";

app.post("/files/:name", async (req: Request, res: Response) => {
  const dest = path.join(UPLOADS, path.basename(req.params.name));
  try {
    await pipeline(req, createWriteStream(dest));
    res.status(201).end();
  } catch (err) {
    await unlink(dest).catch(() => {});
    res.status(500).json({ error: String(err) });
  }
});

app.get("/files/:name", (req, res) => {
  const stream = createReadStream(path.join(UPLOADS, path.basename(req.params.name)));
  stream.on("error", () => res.sendStatus(404));
  stream.pipe(res);
});

app.get("/files/:name/head", async (req, res) => {
  const handle = await open(path.join(UPLOADS, path.basename(req.params.name)), "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(512), 0, 512, 0);
    res.type("text/plain").send(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
});

app.get("/events", (req, res) => {
  res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
  const sub = redis.duplicate();
  sub.subscribe("events").catch(() => res.end());
  sub.on("message", (_channel, message) => res.write(`data: ${message}\n\n`));
  req.on("close", () => {
    sub.disconnect();
  });
});

app.get("/articles", async (_req, res) => {
  const articles = await mongo.db("cms").collection("articles").find().limit(20).toArray();
  res.json(articles);
});

app.get("/orders/:id", async (req, res) => {
  const conn = await sql.getConnection();
  try {
    const [rows] = await conn.execute("SELECT * FROM orders WHERE id = ?", [req.params.id]);
    res.json(rows);
  } finally {
    conn.release();
  }
});

async function start() {
  await mongo.connect();
  app.listen(3000);
}

process.on("SIGTERM", async () => {
  await Promise.all([mongo.close(), redis.quit(), sql.end()]);
  process.exit(0);
});

start();
