import Koa from "koa";
import Router from "@koa/router";
import Fastify, { FastifyReply, FastifyRequest } from "fastify";
import { pubsub } from "./pubsub";
import { pool } from "./db";

const app = new Koa();
const router = new Router();

// Koa middleware runs for every request.
app.use(async (ctx, next) => {
  pool.on("error", (err: Error) => ctx.app.emit("error", err)); // want "listener-added-per-call"
  await next();
});

router.get("/feed", async (ctx) => {
  pubsub.on("post", onPost); // want "listener-added-per-call"
  ctx.body = await loadFeed();
});

// Removed when the response closes: fine.
router.get("/live", async (ctx) => {
  const onPost = (post: unknown) => ctx.res.write(JSON.stringify(post));
  pubsub.on("post", onPost);
  ctx.res.on("close", () => pubsub.off("post", onPost));
});

app.use(router.routes());

const fastify = Fastify({ logger: true });

fastify.get("/orders", async (request, reply) => {
  pubsub.on("order", (order: unknown) => request.log.info(order)); // want "listener-added-per-call"
  return reply.send(await loadOrders());
});

fastify.route({
  method: "POST",
  url: "/orders",
  handler: async (request: FastifyRequest, reply: FastifyReply) => {
    pool.on("notice", logNotice); // want "listener-added-per-call"
    reply.code(201).send({ ok: true });
  },
});

fastify.addHook("onRequest", async (request, reply) => {
  process.on("unhandledRejection", logRejection); // want "listener-added-per-call"
});

// A plugin runs once, at registration.
fastify.register(async (instance) => {
  pubsub.on("shutdown", () => instance.close());
});

// once() is fine.
fastify.get("/next-order", async (request, reply) => {
  pubsub.once("order", (order: unknown) => reply.send(order));
});

function onPost(): void {}
function logNotice(): void {}
function logRejection(): void {}
async function loadFeed(): Promise<unknown[]> {
  return [];
}
async function loadOrders(): Promise<unknown[]> {
  return [];
}

app.listen(3000);
fastify.listen({ port: 3001 });
