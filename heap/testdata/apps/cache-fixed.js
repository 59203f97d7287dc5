// The fixed twin: the cache keeps the four most recent pages.
'use strict';
const serve = require('./harness');

class RenderedPage {
  constructor(url) {
    this.url = url;
    this.body = Buffer.alloc(2048, url);
  }
}

const pages = new Map();
const LIMIT = 4;

function handle(req, res) {
  let page = pages.get(req.url);
  if (!page) {
    page = new RenderedPage(req.url);
    pages.set(req.url, page);
    if (pages.size > LIMIT) pages.delete(pages.keys().next().value);
  }
  res.end(page.body);
}

serve(handle);
