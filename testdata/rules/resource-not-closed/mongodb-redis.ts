// Fastify routes and jobs that create database clients per call and never close them.
import Fastify from "fastify";
import { MongoClient } from "mongodb";
import { createClient } from "redis";
import Redis from "ioredis";

const app = Fastify({ logger: true });
const MONGO_URL = process.env.MONGO_URL ?? "mongodb://localhost:27017";

// A MongoClient per request: connections pile up until the server refuses more.
app.get("/articles", async (request, reply) => {
  const client = new MongoClient(MONGO_URL); // want "resource-not-closed"
  await client.connect();
  const articles = await client.db("cms").collection("articles").find({ published: true }).toArray();
  return articles;
});

// The static connect() form, closed only when nothing throws.
export async function countDrafts(): Promise<number> {
  const client = await MongoClient.connect(MONGO_URL); // want "resource-not-closed"
  const n = await client.db("cms").collection("articles").countDocuments({ published: false });
  await client.close();
  return n;
}

// A Redis client per call, never quit.
export async function rateLimit(key: string, limit: number): Promise<boolean> {
  const redis = createClient({ url: process.env.REDIS_URL }); // want "resource-not-closed"
  await redis.connect();
  const hits = await redis.incr(`rl:${key}`);
  await redis.expire(`rl:${key}`, 60);
  return hits <= limit;
}

// ioredis in a route: a new connection for every request.
app.post("/cache/flush", async (request, reply) => {
  const cache = new Redis(process.env.REDIS_URL!); // want "resource-not-closed"
  await cache.flushdb();
  reply.code(204).send();
});

// A Redis subscriber opened per request (server-sent events) and never quit.
app.get("/events", (request, reply) => {
  const sub = new Redis(process.env.REDIS_URL!); // want "resource-not-closed"
  sub.subscribe("events");
  sub.on("message", (_channel, message) => reply.raw.write(`data: ${message}\n\n`));
});

export default app;
