// Shape: resource-upstream-request, fixed: the upstream request is
// destroyed when the client goes away.
const http = require("node:http");

http
  .createServer((req, res) => {
    const upstream = http.request({ host: "logs.internal", path: req.url }, (up) => {
      res.writeHead(up.statusCode, up.headers);
      up.pipe(res);
    });
    req.on("close", () => upstream.destroy());
    upstream.end();
  })
  .listen(8080);
