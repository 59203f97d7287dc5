// Each request replaces `current`, but the new value's method shares a
// closure context with a function that reads the previous value, so every
// value (and its 32 KB buffer) stays reachable through the chain.
'use strict';
const serve = require('./harness');

let current = null;

function handle(req, res) {
  const previous = current;
  const unused = function () { if (previous) return previous.size; };
  current = {
    buffer: Buffer.alloc(32 * 1024),
    size: function size() { return this.buffer.length; },
  };
  res.end(String(current.size()));
}

serve(handle);
