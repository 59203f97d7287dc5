// Builds a large heap and writes the three snapshots of the benchmark:
// base, target and final, with a leak growing between them (a request log
// that keeps every entry, and a listener per "request"). Run with
//   node --expose-gc --max-old-space-size=8192 gen.js OUTDIR [MILLIONS]
// MILLIONS is the number of long-lived objects in millions (default 2.8: snapshots of 330-360 MB).
'use strict';
const v8 = require('v8');
const path = require('path');
const { EventEmitter } = require('events');

const out = process.argv[2] || '.';
const millions = Number(process.argv[3] || 2.8);

// A realistic mix that lives for the whole run: records with nested
// objects, arrays and strings, as a service's caches and indexes hold.
class Account {
  constructor(i) {
    this.id = i;
    this.name = 'account-' + i;
    this.tags = [i % 7, i % 11];
    this.profile = { created: i * 1000, region: 'r' + (i % 50) };
  }
}
const accounts = new Map();
const total = Math.round(millions * 1e6 / 4); // 4 heap objects per Account
for (let i = 0; i < total; i++) accounts.set(i, new Account(i));
// Globals, so that V8 cannot drop them as dead locals before the snapshots.
globalThis.accounts = accounts;

// The leak.
class RequestLog {
  constructor(n) {
    this.n = n;
    this.at = Date.now();
    this.headers = { host: 'example.com', id: 'req-' + n };
  }
}
const log = [];
globalThis.requestLog = log;
const bus = new EventEmitter();
bus.setMaxListeners(0);
let n = 0;
function request() {
  const entry = new RequestLog(n++);
  log.push(entry);
  bus.on('shutdown', function onShutdown() { return entry.n; });
}

function snapshot(name) {
  global.gc();
  const file = path.join(out, name + '.heapsnapshot');
  const t = Date.now();
  v8.writeHeapSnapshot(file);
  console.log(`${file} written in ${((Date.now() - t) / 1000).toFixed(1)}s`);
}

for (let i = 0; i < 1000; i++) request();
snapshot('base');
for (let i = 0; i < 20000; i++) request();
snapshot('target');
for (let i = 0; i < 20000; i++) request();
snapshot('final');
