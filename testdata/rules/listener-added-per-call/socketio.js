const { createServer } = require("node:http");
const { Server } = require("socket.io");
const Redis = require("ioredis");
const { WebSocketServer } = require("ws");
const bus = require("./bus");

const httpServer = createServer();
const io = new Server(httpServer, { cors: { origin: "*" } });
const subscriber = new Redis(process.env.REDIS_URL);
const wss = new WebSocketServer({ noServer: true });

subscriber.subscribe("prices");

io.on("connection", (socket) => {
  subscriber.on("message", (channel, message) => { // want "listener-added-per-call"
    socket.emit("price", JSON.parse(message));
  });

  socket.on("join", (room) => {
    socket.join(room);
    bus.on(`room:${room}`, (event) => socket.emit("event", event)); // want "listener-added-per-call"
  });
});

// Removed on disconnect: fine.
io.of("/admin").on("connection", (socket) => {
  const onAlert = (alert) => socket.emit("alert", alert);
  bus.on("alert", onAlert);
  socket.on("disconnect", () => bus.off("alert", onAlert));
});

wss.on("connection", (ws, req) => {
  bus.on("broadcast", sendAll); // want "listener-added-per-call"
  ws.on("message", (data) => bus.emit("broadcast", data));
});

// Removed when the socket closes: fine.
wss.on("connection", (ws) => {
  const forward = (data) => ws.send(data);
  bus.on("broadcast", forward);
  ws.on("close", () => bus.removeListener("broadcast", forward));
});

function sendAll(data) {
  for (const client of wss.clients) client.send(data);
}

httpServer.listen(3000);
