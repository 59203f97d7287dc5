import type { Browser } from "playwright";

// The context is closed, then the browser it came from. Moving the
// context's close into a finally block would run browser.close() first:
// the fix changes the order of teardown, so it needs review.
export async function renderPdf(browser: Browser, url: string): Promise<Buffer> {
  const context = await browser.newContext(); // want "resource-not-closed"

  const page = await context.newPage();
  await page.goto(url, { waitUntil: "networkidle" });
  const pdf = await page.pdf({ format: "A4" });

  await context.close();

  void browser.close();

  return pdf;
}
