// The fixed twin: the subscription is disposed of when the response ends.
'use strict';
const serve = require('./harness');

class Store {
  constructor() {
    this.subscribers = new Set();
  }
  subscribe(fn) {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }
}

const store = new Store();

function handle(req, res) {
  const url = req.url;
  const unsubscribe = store.subscribe(function onState() { return url; });
  res.on('finish', unsubscribe);
  res.end('ok');
}

serve(handle);
