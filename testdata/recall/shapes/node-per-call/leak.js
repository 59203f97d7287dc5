// Shape: node-per-call. Each request adds listeners to req.connection, the
// keep-alive socket that later requests reuse, so they pile up on one socket.
// leakwatch should report listener-added-per-call at each "<- leak".
const http = require("http");

function Client() {
  this.connection = null;
}

Client.prototype.onRequest = function (req, res) {
  const self = this;
  this.connection = req.connection;
  this.connection.on("end", function () { // <- leak
    self.close();
  });
  req.connection.on("error", function () { // <- leak
    req.connection.destroy();
  });
  res.end("ok");
};

Client.prototype.close = function () {
  this.connection = null;
};

const client = new Client();
http.createServer((req, res) => client.onRequest(req, res)).listen(0);
