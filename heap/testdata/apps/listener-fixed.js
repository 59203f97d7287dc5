// The fixed twin: the listener is removed when the response is done.
'use strict';
const { EventEmitter } = require('events');
const serve = require('./harness');

const bus = new EventEmitter();
bus.setMaxListeners(0);

function handle(req, res) {
  const started = Date.now();
  function onReload() { return started; }
  bus.on('reload', onReload);
  res.on('finish', () => bus.off('reload', onReload));
  res.end('ok');
}

serve(handle);
