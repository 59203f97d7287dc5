// A small HTTP server with two leaks leakwatch can see both statically
// and at runtime:
//  - every request subscribes to a shared emitter and never unsubscribes;
//  - rendered pages are cached by URL with no bound.
// Run it through `leakwatch heap record` (see README.md).
'use strict';
const http = require('http');
const { EventEmitter } = require('events');

const settings = new EventEmitter();
settings.setMaxListeners(0);

class RenderedPage {
  constructor(url) {
    this.url = url;
    this.html = `<h1>${url}</h1>` + ' '.repeat(4096);
  }
}

const pages = new Map();

function render(req, res) {
  const startedAt = Date.now();
  settings.on('change', function onSettingsChange() {
    console.log('settings changed during a request started at', startedAt);
  });
  let page = pages.get(req.url);
  if (!page) {
    page = new RenderedPage(req.url);
    pages.set(req.url, page);
  }
  res.end(page.html);
}

const port = Number(process.env.PORT || 3791);
http.createServer(render).listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${port}`);
});
