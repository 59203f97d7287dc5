// A store whose subscribers are added per request and never unsubscribed.
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
  store.subscribe(function onState() { return url; });
  res.end('ok');
}

serve(handle);
