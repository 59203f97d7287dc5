// A server that subscribes to a shared emitter on every request and never
// unsubscribes: one listener (and what it captures) per request.
'use strict';
const { EventEmitter } = require('events');
const serve = require('./harness');

const bus = new EventEmitter();
bus.setMaxListeners(0);

function handle(req, res) {
  const started = Date.now();
  bus.on('reload', function onReload() { return started; });
  res.end('ok');
}

serve(handle);
