// The fixed twin: no closure in the handler captures the previous value.
'use strict';
const serve = require('./harness');

let current = null;

function handle(req, res) {
  const hadPrevious = current !== null;
  const unused = function () { return hadPrevious; };
  current = {
    buffer: Buffer.alloc(32 * 1024),
    size: function size() { return this.buffer.length; },
  };
  res.end(String(current.size()));
}

serve(handle);
