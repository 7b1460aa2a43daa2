import type { CDPSession, Page } from '@playwright/test';

const sessions = new WeakMap<Page, Promise<CDPSession>>();
/** Three quarters of the viewport's size: every word still reads, and the picture costs less to take. */
const SCALE = 0.75;

/**
 * The step's screenshot for QA's report: the viewport as JPEG, taken by Chromium's DevTools protocol in one call
 * (optimised for speed), rather than through Playwright's screenshot, which first waits on fonts and hides the
 * caret, a few round trips that cost more than the picture on the 2-core machine.
 */
export async function stepScreenshot(page: Page): Promise<Buffer> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  const { width, height } = page.viewportSize() ?? { width: 1280, height: 720 };
  const { data } = await (await session).send('Page.captureScreenshot', {
    format: 'jpeg',
    quality: 50,
    optimizeForSpeed: true,
    clip: { x: 0, y: 0, width, height, scale: SCALE },
  });
  return Buffer.from(data, 'base64');
}
