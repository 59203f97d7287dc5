// Getters that reuse the connection they handed out, close it before
// opening another, or set it up once.
const { chromium } = require("playwright-core");
const { MongoClient } = require("mongodb");

let browser = null;
let remote = null;
let client;
let pool;

async function getBrowser() {
  if (browser && browser.isConnected()) {
    return browser;
  }
  browser = await chromium.launch();
  return browser;
}

async function getRemoteBrowser(endpoint) {
  await remote?.close();
  remote = await chromium.connect(endpoint);
  return remote;
}

function getClient(url) {
  client ??= new MongoClient(url);
  return client;
}

// Opened once at start-up by a function that is not a getter.
async function connect(url) {
  pool = new MongoClient(url);
  await pool.connect();
  return pool;
}

// A getter that opens a fresh one for its caller and keeps none.
async function getScratchBrowser() {
  const scratch = await chromium.launch();
  return scratch;
}

module.exports = { getBrowser, getRemoteBrowser, getClient, connect, getScratchBrowser };
