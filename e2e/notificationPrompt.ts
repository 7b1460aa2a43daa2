// How the user answers the browser's own notification prompt, for real: the browser's setting for the site decides
// what `Notification.requestPermission()` resolves to. A headless browser shows no prompt, and answers one left
// to ask as a prompt closed without a choice ("default").
import type { PermissionAnswer } from '@/machines/journeyTypes';
import type { Driver } from './driver';

export async function answerNotificationPrompt({ page, context }: Driver, answer: PermissionAnswer) {
  const origin = new URL(page.url()).origin;
  if (answer === 'granted') await context.grantPermissions(['notifications'], { origin });
  if (answer !== 'denied') return;
  // Playwright grants only; a refusal is set through the DevTools protocol, for this test's browser context.
  const pageSession = await context.newCDPSession(page);
  const { targetInfo } = await pageSession.send('Target.getTargetInfo');
  await pageSession.detach();
  const browser = await context.browser()?.newBrowserCDPSession();
  if (!browser) throw new Error('the test has no browser to set a permission in');
  await browser.send('Browser.setPermission', {
    permission: { name: 'notifications' },
    setting: 'denied',
    origin,
    browserContextId: targetInfo.browserContextId,
  });
  await browser.detach();
}

/** What the browser itself says of the site's permission, as `navigator.permissions` tells any page. */
export const notificationPermissionOf = ({ page }: Driver) =>
  page.evaluate(async () => (await navigator.permissions.query({ name: 'notifications' })).state);
