// Browser contexts and browsers opened per check and closed only when the
// check succeeds: a page that times out leaves its context (and renderer
// memory) behind, one per failed check.
const { chromium } = require("playwright-core");
const { getSharedBrowser } = require("./browser-pool");

async function checkPage(url, timeout) {
  const browser = await getSharedBrowser();
  const context = await browser.newContext(); // want "resource-not-closed: browser context from browser.newContext\(\) is never closed on the error path \(if context.newPage\(\) at line 10 rejects\)"
  const page = await context.newPage();
  const res = await page.goto(url, { timeout });
  await context.close();
  return res.status();
}

async function screenshot(url, path) {
  const browser = await chromium.launch(); // want "resource-not-closed: browser from chromium.launch\(\) is not closed when the function throws at line 19"
  if (!url.startsWith("http")) {
    throw new Error("only http(s) pages");
  }
  const page = await browser.newPage();
  await page.goto(url);
  await page.screenshot({ path });
  await browser.close();
}

module.exports = { checkPage, screenshot };
