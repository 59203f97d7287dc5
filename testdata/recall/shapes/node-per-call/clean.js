// Shape: node-per-call, cleaned: the socket listeners are added once per
// socket, when the server hands over a new connection.
const http = require("http");

function Client() {
  this.connection = null;
}

Client.prototype.onConnection = function (socket) {
  const self = this;
  socket.on("end", function () {
    self.close();
  });
  socket.on("error", function () {
    socket.destroy();
  });
};

Client.prototype.onRequest = function (req, res) {
  this.connection = req.connection;
  res.end("ok");
};

Client.prototype.close = function () {
  this.connection = null;
};

const client = new Client();
const server = http.createServer((req, res) => client.onRequest(req, res));
server.on("connection", (socket) => client.onConnection(socket));
server.listen(0);
