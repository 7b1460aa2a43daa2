// How the user answers the browser's own notification prompt, for real: the browser's setting for the site decides
// what `Notification.requestPermission()` resolves to. A headless browser shows no prompt, and answers one left
// to ask as a prompt closed without a choice ("default").
import type { PermissionAnswer } from '@/machines/journeyTypes';
import type { Driver } from './driver';

export async function answerNotificationPrompt({ page, context }: Driver, answer: PermissionAnswer) {
  if (answer === 'dismissed') return;
  // Granting nothing refuses the rest: Chromium grants exactly the list for the origin and denies all others.
  await context.grantPermissions(answer === 'granted' ? ['notifications'] : [], {
    origin: new URL(page.url()).origin,
  });
}

/** What the browser itself says of the site's permission, as `navigator.permissions` tells any page. */
export const notificationPermissionOf = ({ page }: Driver) =>
  page.evaluate(async () => (await navigator.permissions.query({ name: 'notifications' })).state);
