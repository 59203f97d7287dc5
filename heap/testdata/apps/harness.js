// Test harness shared by the leak programs: an HTTP server on a free port
// whose /__snapshot?path=P request waits until the other connections are
// closed, collects garbage and writes a heap snapshot to P. The Go tests
// drive the programs with plain requests (one connection each) and take
// snapshots between rounds. Run with --expose-gc.
'use strict';
const http = require('http');
const v8 = require('v8');

module.exports = function serve(handle, setup) {
  const server = http.createServer((req, res) => {
    if (req.url.startsWith('/__snapshot')) {
      const path = new URL(req.url, 'http://x').searchParams.get('path');
      return whenIdle(server, () => {
        global.gc();
        global.gc();
        v8.writeHeapSnapshot(path);
        res.end('ok');
      });
    }
    handle(req, res);
  });
  if (setup) setup(server);
  server.listen(0, '127.0.0.1', () => {
    console.log('LISTENING ' + server.address().port);
  });
};

// whenIdle waits until only the snapshot request's connection is open, so
// that closing work (a socket's 'close' listeners) has run.
function whenIdle(server, then) {
  server.getConnections((err, n) => {
    if (!err && n <= 1) return then();
    setTimeout(() => whenIdle(server, then), 5);
  });
}
