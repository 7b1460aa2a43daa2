import type { CDPSession, Page } from '@playwright/test';

const sessions = new WeakMap<Page, Promise<CDPSession>>();

/** How often, and how long apart, a capture is tried again while the tab has no frame yet to copy. */
const NO_FRAME_TRIES = 10;
const NO_FRAME_WAIT_MS = 50;

/**
 * The step's screenshot for QA's report: the viewport as JPEG, taken by Chromium's DevTools protocol in one call,
 * rather than through Playwright's screenshot, which first waits on fonts and hides the caret, a few round trips
 * that cost more than the picture on the 2-core machine. At the viewport's own size: a smaller `clip` scale has
 * Chromium lay out and raster the page again at that scale and back, which cost more than the bigger picture, and
 * which full Chromium waited up to two seconds for (docs/benchmarks.md). A copy of the frame already drawn, it
 * fails just after a new document opens, before its first frame: it is then taken again once there is one.
 */
export async function stepScreenshot(page: Page): Promise<Buffer> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { data } = await (await session).send('Page.captureScreenshot', {
        format: 'jpeg',
        quality: 50,
        optimizeForSpeed: true,
      });
      return Buffer.from(data, 'base64');
    } catch (error) {
      if (attempt >= NO_FRAME_TRIES || !/Unable to capture screenshot/.test((error as Error).message))
        throw error;
      await new Promise((resolve) => setTimeout(resolve, NO_FRAME_WAIT_MS));
    }
  }
}
