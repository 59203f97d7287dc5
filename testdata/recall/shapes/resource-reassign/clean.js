// Shape: resource-reassign, cleaned: the old socket is destroyed before the
// member is replaced.
const net = require("net");

class Feed {
  constructor(port) {
    this.port = port;
    this.socket = null;
  }

  reconnect() {
    this.socket?.destroy();
    this.socket = net.connect(this.port);
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
