const net = require("net");
const { WebSocket } = require("ws");

// reconnect() opens a new socket over the live one; close() ends only the
// last, so every reconnect leaves one open.
class Feed {
  constructor(port) {
    this.port = port;
    this.socket = null;
  }

  reconnect() {
    this.socket = net.connect(this.port); // want "resource-not-closed: socket from net.connect\(\) replaces the one in this.socket without closing it: each reconnect\(\) leaves the previous socket open"
    this.socket.on("data", (chunk) => chunk.length);
  }

  close() {
    this.socket?.end();
  }
}

class Live {
  constructor(url) {
    this.url = url;
  }

  _restart() {
    this.ws = new WebSocket(this.url); // want "resource-not-closed: WebSocket replaces the one in this.ws without closing it: each _restart\(\) leaves the previous WebSocket open"
  }

  dispose() {
    this.ws?.close();
  }
}

module.exports = { Feed, Live };
