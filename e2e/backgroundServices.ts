// What Chromium itself logs of a site's background work (the DevTools protocol's BackgroundService domain): the
// system notifications it displayed and the push events the service worker finished. Chromium loses a notification
// that getNotifications() reads while it is being shown (measured: 5 of 40 runs), so the tests wait on this log, not
// on polling the page.
import type { BrowserContext, Page } from '@playwright/test';

type Service = 'notifications' | 'pushMessaging';
type Entry = { service: string; eventName: string; metadata: Record<string, string> };

export class BackgroundServiceLog {
  private readonly entries: Entry[] = [];

  private constructor() {}

  /** Starts Chromium's log for the page's browser, empty. */
  static async record(context: BrowserContext, page: Page, services: Service[]) {
    const log = new BackgroundServiceLog();
    const devTools = await context.newCDPSession(page);
    devTools.on('BackgroundService.backgroundServiceEventReceived', ({ backgroundServiceEvent: event }) =>
      log.entries.push({
        service: event.service,
        eventName: event.eventName,
        metadata: Object.fromEntries(event.eventMetadata.map(({ key, value }) => [key, value])),
      }),
    );
    for (const service of services) {
      await devTools.send('BackgroundService.clearEvents', { service });
      await devTools.send('BackgroundService.setRecording', { shouldRecord: true, service });
      await devTools.send('BackgroundService.startObserving', { service });
    }
    return log;
  }

  /** The titles of the system notifications displayed since the log began or was last cleared, in order. */
  displayedTitles(): string[] {
    return this.named('notifications', 'Notification displayed').map(({ metadata }) => metadata.Title ?? '');
  }

  /** How many push events the service worker has finished, its notification shown (waitUntil settled). */
  pushEventsCompleted(): number {
    return this.named('pushMessaging', 'Push event completed').length;
  }

  /** Forgets what was logged so far: what a path sees begins with it. */
  clear(): void {
    this.entries.length = 0;
  }

  private named(service: Service, eventName: string) {
    return this.entries.filter((entry) => entry.service === service && entry.eventName === eventName);
  }
}
