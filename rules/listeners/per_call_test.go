package listeners_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/rules/listeners"
)

func TestAddedPerCall(t *testing.T) { analysistest.Run(t, listeners.AddedPerCall) }

func TestAddedPerCallDocExamples(t *testing.T) {
	analysistest.RunDocExamples(t, listeners.AddedPerCall)
}

// Realistic server and browser code that manages its listeners correctly
// must not be reported.
func TestAddedPerCallStaysSilentOnCleanCode(t *testing.T) {
	for name, src := range map[string]string{
		"graceful.js": `const express = require("express");
const { Pool } = require("pg");

const app = express();
const pool = new Pool({ max: 10 });
pool.on("error", (err) => console.error("idle client error", err));

app.get("/users/:id", async (req, res, next) => {
  const client = await pool.connect();
  client.on("notice", (msg) => req.log.debug(msg));
  try {
    const { rows } = await client.query("select * from users where id = $1", [req.params.id]);
    res.json(rows[0]);
  } catch (err) {
    next(err);
  } finally {
    client.release();
  }
});

const server = app.listen(process.env.PORT || 3000, () => {
  console.log("listening");
});

function shutdown(signal) {
  console.log("received", signal);
  server.close(() => pool.end().then(() => process.exit(0)));
}
process.on("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
`,
		"sse.mjs": `import express from "express";
import { EventEmitter, once } from "node:events";

const app = express();
const feed = new EventEmitter();
feed.setMaxListeners(0);

app.get("/feed", (req, res) => {
  res.writeHead(200, { "content-type": "text/event-stream" });
  const send = (item) => res.write("data: " + JSON.stringify(item) + "\n\n");
  feed.on("item", send);
  req.on("close", () => feed.off("item", send));
});

app.post("/items", express.json(), async (req, res) => {
  feed.emit("item", req.body);
  res.sendStatus(202);
});

export async function nextItem(signal) {
  const [item] = await once(feed, "item", { signal });
  return item;
}

app.listen(8080);
`,
		"chat.js": `const { Server } = require("socket.io");
const io = new Server(3000);
const rooms = require("./rooms");

io.on("connection", (socket) => {
  const onMessage = (msg) => socket.emit("message", msg);
  rooms.on("message", onMessage);
  socket.on("chat", (text) => rooms.emit("message", { from: socket.id, text }));
  socket.once("disconnect", () => {
    rooms.removeListener("message", onMessage);
  });
});
`,
		"menu.js": `(function () {
  var menu = document.querySelector(".menu");
  var toggle = document.querySelector(".menu-toggle");

  function close(event) {
    if (menu.contains(event.target)) return;
    menu.classList.remove("open");
    document.removeEventListener("click", close);
  }

  toggle.addEventListener("click", function (event) {
    event.stopPropagation();
    menu.classList.add("open");
    document.addEventListener("click", close);
  });

  window.addEventListener("resize", function () {
    menu.classList.remove("open");
  });
})();
`,
	} {
		res := analysistest.Analyze(t, listeners.AddedPerCall, name, src)
		for _, d := range res.Diagnostics {
			t.Errorf("%s: unexpected diagnostic at %d: %s", name, d.Start, d.Message)
		}
	}
}
