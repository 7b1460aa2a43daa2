import { type JourneyPath, journeyPaths, pathSetFrom } from '@/paths/sets';
import { inShardOrder } from '@/paths/shards';
import { pathTest as test } from './fixtures';
import { showsSystemNotifications, systemNotificationsTag } from './systemNotifications';
import { walkPath } from './walkPath';

const pathSet = pathSetFrom(process.env.PATHS);

/** The sampled names a path meets, in its events and in what the machine knows: the personas to seed for it. */
function personaNamesOf(path: JourneyPath): string[] {
  const emails = path.steps.flatMap(({ event, state }) => [
    (event as { email?: unknown }).email,
    state.context.email,
    state.context.session?.user.email,
  ]);
  return [...new Set(emails.filter((email): email is string => typeof email === 'string' && email !== ''))];
}

/** One test per generated path, titled by its steps, in an order that balances shards by steps. */
test.describe(`journey paths (${pathSet})`, () => {
  for (const path of inShardOrder(journeyPaths(pathSet))) {
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
});
