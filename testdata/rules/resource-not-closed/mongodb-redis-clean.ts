// Database clients as long-lived singletons, or closed on every path.
import { MongoClient, type Db } from "mongodb";
import { createClient, type RedisClientType } from "redis";
import Redis from "ioredis";
import type { FastifyInstance } from "fastify";

// Singletons for the process.
const mongo = new MongoClient(process.env.MONGO_URL!);
const cache = new Redis(process.env.REDIS_URL!);
export const redis = createClient({ url: process.env.REDIS_URL });

let db: Db | undefined;
export async function getDb(): Promise<Db> {
  if (!db) {
    await mongo.connect();
    db = mongo.db("cms");
  }
  return db;
}

// The legacy callback API: the Db handle keeps the client for the app's life.
let legacyDb: Db | undefined;
export function connectLegacy(url: string, done: (err?: Error) => void): void {
  MongoClient.connect(url, (err?: Error, client?: MongoClient) => {
    if (err || !client) return done(err);
    legacyDb = client.db("cms");
    done();
  });
}

// A repository factory handing out collection handles.
export async function articlesRepository(url: string) {
  const client = new MongoClient(url);
  await client.connect();
  const articles = client.db("cms").collection("articles");
  return { list: () => articles.find().toArray() };
}

// A script that closes its client on every path, as the MongoDB docs write it.
export async function migrate(): Promise<void> {
  const client = new MongoClient(process.env.MONGO_URL!);
  try {
    await client.connect();
    await client.db("cms").collection("articles").updateMany({}, { $set: { version: 2 } });
  } finally {
    await client.close();
  }
}

// Closed with explicit resource management.
export async function countDrafts(): Promise<number> {
  await using client = await MongoClient.connect(process.env.MONGO_URL!);
  return client.db("cms").collection("articles").countDocuments({ published: false });
}

// A client built for the caller.
export async function connectRedis(url: string): Promise<RedisClientType> {
  const client = createClient({ url }) as RedisClientType;
  client.on("error", (err) => console.error("redis", err));
  await client.connect();
  return client;
}

// A subscriber started once at boot lives on through its messages.
export async function startInvalidationListener(onKey: (key: string) => void): Promise<void> {
  const sub = new Redis(process.env.REDIS_URL!);
  await sub.subscribe("invalidate");
  sub.on("message", (_channel, key) => onKey(key));
}

// Per-request subscriber closed when the client goes away.
export function registerEvents(app: FastifyInstance): void {
  app.get("/events", (request, reply) => {
    const sub = cache.duplicate();
    const feed = new Redis(process.env.REDIS_URL!);
    feed.subscribe("events");
    feed.on("message", (_channel, message) => reply.raw.write(`data: ${message}\n\n`));
    request.raw.on("close", () => {
      feed.disconnect();
      sub.disconnect();
    });
  });
}

// Quit in finally.
export async function rateLimit(key: string, limit: number): Promise<boolean> {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  try {
    const hits = await client.incr(`rl:${key}`);
    return hits <= limit;
  } finally {
    await client.quit();
  }
}

// Stored on a class the app disposes of.
export class Store {
  private client = new Redis(process.env.REDIS_URL!);

  async get(key: string) {
    return this.client.get(key);
  }
}
