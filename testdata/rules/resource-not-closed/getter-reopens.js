// Getters that hand out a shared connection but open a new one on every
// call, dropping the one they handed out before without closing it.
const { chromium } = require("playwright-core");
const { MongoClient } = require("mongodb");

let browser = null;
let client;

async function getRemoteBrowser(endpoint) {
  browser = await chromium.connect(endpoint); // want "resource-not-closed: browser from chromium.connect\(\) replaces the one in browser on every getRemoteBrowser\(\) call without closing it"
  return browser;
}

async function getClient(url) {
  console.log("connecting to", url);
  client = new MongoClient(url); // want "resource-not-closed: MongoClient replaces the one in client on every getClient\(\) call"
  await client.connect();
  return client;
}

module.exports = { getRemoteBrowser, getClient };
