// Shape: resource-reassign (from the issue; no mined pair). reconnect()
// assigns a new client over a live member without closing the old one, so
// every reconnect leaves a socket open. leakwatch should report
// resource-not-closed at "<- leak".
const net = require("net");

class Feed {
  constructor(port) {
    this.port = port;
    this.socket = null;
  }

  reconnect() {
    this.socket = net.connect(this.port); // <- leak
    this.socket.on("data", (chunk) => this.onData(chunk));
  }

  onData(chunk) {
    return chunk.length;
  }

  close() {
    this.socket?.end();
  }
}

module.exports = Feed;
