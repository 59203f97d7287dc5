// Shape: resource-upstream-request (issue 13, item 8). A server proxies a
// live log stream from a backend for each incoming request. When the
// browser tab closes, the upstream request keeps streaming into a response
// nobody reads, holding both sockets. leakwatch reports resource-not-closed
// at "<- leak".
const http = require("node:http");

http
  .createServer((req, res) => {
    const upstream = http.request({ host: "logs.internal", path: req.url }, (up) => { // <- leak
      res.writeHead(up.statusCode, up.headers);
      up.pipe(res);
    });
    upstream.end();
  })
  .listen(8080);
