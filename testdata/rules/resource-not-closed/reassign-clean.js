const net = require("net");
const { WebSocket } = require("ws");

// Each reopening method closes the old value first, or opens only when
// there is none; connect() is no reopening method.
class Feed {
  constructor(port) {
    this.port = port;
    this.socket = null;
  }

  reconnect() {
    this.socket?.destroy();
    this.socket = net.connect(this.port);
  }

  close() {
    this.socket?.end();
  }
}

class Live {
  constructor(url) {
    this.url = url;
  }

  reopen() {
    if (this.ws) return;
    this.ws = new WebSocket(this.url);
  }

  restart() {
    this.dispose();
    this.ws = new WebSocket(this.url);
  }

  connect() {
    this.ws = new WebSocket(this.url);
  }

  dispose() {
    this.ws?.close();
  }
}

module.exports = { Feed, Live };
