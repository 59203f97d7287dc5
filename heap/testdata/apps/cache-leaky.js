// A module-level cache keyed by the request URL, never evicted.
'use strict';
const serve = require('./harness');

class RenderedPage {
  constructor(url) {
    this.url = url;
    this.body = Buffer.alloc(2048, url);
  }
}

const pages = new Map();

function handle(req, res) {
  let page = pages.get(req.url);
  if (!page) {
    page = new RenderedPage(req.url);
    pages.set(req.url, page);
  }
  res.end(page.body);
}

serve(handle);
