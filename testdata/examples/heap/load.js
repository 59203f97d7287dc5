// One run of the load: a few requests to distinct pages, one connection
// each. `leakwatch heap record --load "node load.js"` runs it between
// snapshots.
'use strict';
const http = require('http');

const port = Number(process.env.PORT || 3791);
const count = Number(process.argv[2] || 5);
const run = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);

function get(i) {
  if (i === count) return;
  http.get({ host: '127.0.0.1', port, path: `/page/${run}/${i}`, agent: false }, (res) => {
    res.resume();
    res.on('end', () => get(i + 1));
  }).on('error', (err) => {
    console.error(`load: ${err.message} (is the server listening on ${port}?)`);
    process.exit(1);
  });
}
get(0);
