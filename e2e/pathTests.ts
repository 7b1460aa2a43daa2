// One Playwright test per generated path: the journey spec's paths, and the cluster spec's through nginx.
import type { JourneyPath } from '@/paths/sets';
import { pathTest as test } from './fixtures';
import { showsSystemNotifications, systemNotificationsTag } from './systemNotifications';
import { walkPath } from './walkPath';

/** The sampled names a path meets, in its events and in what the machine knows: the personas to seed for it. */
function personaNamesOf(path: JourneyPath): string[] {
  const emails = path.steps.flatMap(({ event, state }) => [
    (event as { email?: unknown }).email,
    state.context.email,
    state.context.session?.user.email,
  ]);
  return [...new Set(emails.filter((email): email is string => typeof email === 'string' && email !== ''))];
}

/** Declares a test for each path, titled by its steps, in the order given. */
export function declarePathTests(paths: JourneyPath[]): void {
  for (const path of paths) {
    test.describe(() => {
      test.use({ personaNames: personaNamesOf(path) });
      // Paths with a system notification run in full Chromium, which shows one (playwright.config.ts).
      const notifies = showsSystemNotifications(path);
      const tag = notifies ? [systemNotificationsTag] : [];
      // Full Chromium is the heavier browser, and these few long paths meet many states first (axe checks them).
      if (notifies) test.slow();
      test(path.title, { tag }, async ({ driver, checkAccessibility }) => {
        await walkPath(path, driver, checkAccessibility);
      });
    });
  }
}
