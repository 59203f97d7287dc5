// The socket under a request (req.socket, req.connection) outlives the
// request: keep-alive clients send many requests over one socket, so a
// listener added to it per request piles up there.
const http = require("http");

function Session() {
  this.connection = null;
}

Session.prototype.onRequest = function (req, res) {
  const self = this;
  this.connection = req.connection;
  this.connection.on("end", function () { // want "listener-added-per-call"
    self.close();
  });
  req.socket.on("error", function () { // want "listener-added-per-call"
    req.socket.destroy();
  });
  const conn = req.connection;
  conn.on("timeout", () => self.close()); // want "listener-added-per-call"
  req.on("error", () => res.end()); // the request itself ends with the call
  res.socket.once("close", () => self.close()); // once: goes away when it fires
  res.end("ok");
};

Session.prototype.close = function () {
  this.connection = null;
};

// Clean: listeners added only when the request came on a new socket.
Session.prototype.onRequestOnce = function (req, res) {
  const self = this;
  const fresh = this.connection !== req.connection;
  if (fresh) {
    this.connection = req.connection;
    this.connection.on("end", () => self.close());
  }
  res.end("ok");
};

const session = new Session();
http.createServer((req, res) => session.onRequest(req, res)).listen(0);
http.createServer((req, res) => session.onRequestOnce(req, res)).listen(0);
