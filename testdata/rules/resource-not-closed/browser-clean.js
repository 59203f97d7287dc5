// Browser contexts closed on every path, and browsers kept for the life of
// the program.
const { chromium } = require("playwright-core");
const { getSharedBrowser } = require("./browser-pool");

let shared;

// One browser for the program, launched once and kept.
async function sharedBrowser() {
  if (!shared) {
    shared = await chromium.launch();
  }
  return shared;
}

async function checkPage(url, timeout) {
  const browser = await getSharedBrowser();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const res = await page.goto(url, { timeout });
    return res.status();
  } finally {
    await context.close();
  }
}

// A context handed to the caller, who closes it.
async function openContext(options) {
  const browser = await sharedBrowser();
  const context = await browser.newContext(options);
  return context;
}

// A browser launched for a test run and closed with it.
async function version() {
  const browser = await chromium.launch();
  const v = browser.version();
  await browser.close();
  return v;
}

module.exports = { checkPage, openContext, version };
