// The fixed twin: the interval is cleared when the socket closes.
'use strict';
const serve = require('./harness');

function handle(req, res) {
  res.end('ok');
}

serve(handle, (server) => {
  server.on('connection', (socket) => {
    const stats = { bytes: 0 };
    const timer = setInterval(() => { stats.bytes = socket.bytesWritten; }, 60000);
    socket.on('close', () => clearInterval(timer));
  });
});
