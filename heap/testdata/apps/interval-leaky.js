// An interval started for every connection and never cleared: each one
// keeps its socket alive after the client has gone.
'use strict';
const serve = require('./harness');

function handle(req, res) {
  res.end('ok');
}

serve(handle, (server) => {
  server.on('connection', (socket) => {
    const stats = { bytes: 0 };
    setInterval(() => { stats.bytes = socket.bytesWritten; }, 60000);
  });
});
