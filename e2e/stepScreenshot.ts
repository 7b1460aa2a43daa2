import type { CDPSession, Page } from '@playwright/test';

const sessions = new WeakMap<Page, Promise<CDPSession>>();

/**
 * The step's screenshot for QA's report: the viewport as JPEG, taken by Chromium's DevTools protocol in one call,
 * rather than through Playwright's screenshot, which first waits on fonts and hides the caret, a few round trips
 * that cost more than the picture on the 2-core machine. At the viewport's own size: a smaller `clip` scale has
 * Chromium lay out and raster the page again at that scale and back, which cost more than the bigger picture, and
 * which full Chromium waited up to two seconds for (docs/benchmarks.md).
 */
export async function stepScreenshot(page: Page): Promise<Buffer> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  const { data } = await (await session).send('Page.captureScreenshot', {
    format: 'jpeg',
    quality: 50,
    optimizeForSpeed: true,
  });
  return Buffer.from(data, 'base64');
}
