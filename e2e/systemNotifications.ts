// The system notifications the app's service worker shows, as any page of the site can list them
// (`getNotifications()`): what the user sees outside the page. Only full Chromium shows any; the headless shell
// refuses them, so the paths that expect one run there (playwright.config.ts).
import type { Page } from '@playwright/test';
import type { JourneyPath } from '@/paths/sets';

/** The tag of the generated paths on which the app shows a system notification. */
export const systemNotificationsTag = '@system-notifications';

/** Whether the machine has the app show a system notification somewhere on the path. */
export const showsSystemNotifications = (path: JourneyPath) =>
  path.steps.some(({ state }) => state.context.systemNotification !== null);

/** The titles of the notifications the site's service worker shows now. */
export const systemNotificationTitles = (page: Page) =>
  page.evaluate(async () => {
    const registration = await navigator.serviceWorker?.getRegistration();
    return registration ? (await registration.getNotifications()).map((shown) => shown.title) : [];
  });

/** Closes every notification the site shows, so that the next path starts with none of the last one's. */
export const closeSystemNotifications = (page: Page) =>
  page.evaluate(async () => {
    for (const registration of (await navigator.serviceWorker?.getRegistrations()) ?? [])
      for (const shown of await registration.getNotifications()) shown.close();
  });
