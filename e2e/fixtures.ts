import { randomInt, randomUUID } from 'node:crypto';
import {
  type BrowserContext,
  type BrowserContextOptions,
  test as base,
  type ConsoleMessage,
  expect,
  type Page,
} from '@playwright/test';
import { mailboxSettings } from '@/mailbox/settings';
import { pathWindow } from '@/paths/pathWindow';
import { unknownEmail } from '@/paths/samples';
import { type DemoUser, demoAccounts, demoUsers } from '@/server/demoData';
import { axeViolations } from './accessibility';
import { BackgroundServiceLog } from './backgroundServices';
import type { Driver } from './driver';
import { HeldRequests } from './heldRequests';
import { seedAccountCopy, seedCopy } from './serverState';
import { count, timed } from './stepTimings';
import { closeSystemNotifications } from './systemNotifications';
import { TestMailbox } from './testMailbox';

type Fixtures = {
  /** The sampled names (emails, UPNs) of the personas this test meets: only they are seeded (all unless a test says). */
  personaNames: string[];
  /** This test's own number for each SSO account: a copy of it, whose provider only this test may stop. */
  accountNumbers: Record<string, string>;
  /**
   * This test's own name for each sampled one (email, UPN): a fresh copy of every persona, seeded for this test
   * alone in this test's accounts, and an unknown email of its own (one test's lockout must not meet another test).
   */
  emails: Record<string, string>;
  /** The journey's server calls, held until a step lets each one through. */
  server: HeldRequests;
  /** The mail this test's people received, as the demo mailbox (a real SMTP server) kept it. */
  mail: TestMailbox;
  /** Runs axe on the page as it is now; fails on any violation. */
  checkAccessibility: () => Promise<void>;
};

/** Options of a project: the cluster's project (playwright.config.ts) runs against its own database. */
export type ProjectOptions = {
  /** The cluster's PostgreSQL database, which its instances and this project's workers share; none elsewhere. */
  clusterDatabaseUrl: string | undefined;
};

type DatabaseFixtures = ProjectOptions & {
  /** Points the server modules this worker imports (to seed and to check) at the project's database. */
  workerDatabase: undefined;
};

let clients = 0;
const personas: DemoUser[] = Object.values(demoUsers);

/** Whether a test meets the persona: one of their names is among the sampled ones. */
const isMet = (persona: DemoUser, names: string[]) =>
  names.includes(persona.email) || (persona.upn !== undefined && names.includes(persona.upn));

/** Nine digits: never a demo account's number (six) nor the sampled unknown one. */
const ownAccountNumber = () => String(randomInt(100_000_000, 999_999_999));

/**
 * Fails the test on a hydration error or an uncaught exception in the page, or anything its Content-Security-Policy
 * blocked (Chromium says so on the console), even when every assertion passes.
 */
async function failingOnPageErrors(page: Page, use: (page: Page) => Promise<void>) {
  count('tests');
  const pageErrors: Error[] = [];
  const blocked: string[] = [];
  const noteError = (error: Error) => pageErrors.push(error);
  const noteBlocked = (message: ConsoleMessage) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      blocked.push(message.text());
  };
  page.on('pageerror', noteError);
  page.on('console', noteBlocked);
  await use(page);
  page.off('pageerror', noteError);
  page.off('console', noteBlocked);
  expect(pageErrors, 'errors thrown in the page').toEqual([]);
  expect(blocked, "what the page's Content-Security-Policy blocked").toEqual([]);
}

/** The address the next test's client sends from: each its own, so per-IP limits meet only the path aiming at them. */
function nextClientAddress(workerIndex: number): string {
  clients += 1;
  return `198.18.${workerIndex % 256}.${clients % 256}`;
}

export const test = base.extend<Fixtures, DatabaseFixtures>({
  clusterDatabaseUrl: [undefined, { option: true, scope: 'worker' }],
  workerDatabase: [
    async ({ clusterDatabaseUrl }, use, workerInfo) => {
      // Before any test imports a server module: each reads its settings once, as it loads.
      if (clusterDatabaseUrl) {
        process.env.DATABASE_URL = clusterDatabaseUrl;
        process.env.BASE_URL = workerInfo.project.use.baseURL;
      }
      await use(undefined);
    },
    { scope: 'worker', auto: true },
  ],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  extraHTTPHeaders: async ({}, use, testInfo) => {
    await use({ 'x-forwarded-for': nextClientAddress(testInfo.workerIndex) });
  },
  page: async ({ page }, use) => failingOnPageErrors(page, use),
  personaNames: [personas.map((persona) => persona.email), { option: true }],
  accountNumbers: async ({ personaNames }, use) => {
    const met = personas.filter((persona) => isMet(persona, personaNames));
    const ssoAccounts = Object.values(demoAccounts).filter(
      (account) =>
        account.signIn !== 'password' && met.some((persona) => persona.accounts.includes(account.number)),
    );
    const copies = await timed('seeding accounts', () =>
      Promise.all(
        ssoAccounts.map(async (account) => {
          const copy = ownAccountNumber();
          await seedAccountCopy(account, copy);
          return [account.number, copy] as const;
        }),
      ),
    );
    await use(Object.fromEntries(copies));
  },
  emails: async ({ accountNumbers, personaNames }, use) => {
    const id = randomUUID().slice(0, 8);
    const ownEmail = (email: string) => email.replace('@', `-${id}@`);
    const ownAccounts = (numbers: string[]) => numbers.map((number) => accountNumbers[number] ?? number);
    await timed('seeding people', () =>
      Promise.all(
        personas
          .filter((persona) => isMet(persona, personaNames))
          .map((persona) =>
            seedCopy(
              persona,
              { email: ownEmail(persona.email), upn: persona.upn && ownEmail(persona.upn) },
              ownAccounts(persona.accounts),
            ),
          ),
      ),
    );
    const names = personas.flatMap((persona) =>
      persona.upn ? [persona.email, persona.upn] : [persona.email],
    );
    const sampled = [...names, unknownEmail];
    await use(Object.fromEntries(sampled.map((email) => [email, ownEmail(email)])));
  },
  server: async ({ page }, use) => {
    const journeyApi =
      /^\/api\/(session|identify|licence|sso\/start|sso\/complete|password-reset(\/request|\/check)?|notifications\/key)$/;
    const held = await HeldRequests.on(page, journeyApi);
    await use(held);
    await held.dispose();
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  mail: async ({}, use) => {
    await use(new TestMailbox(mailboxSettings.dir));
  },
  checkAccessibility: async ({ page }, use) => {
    await use(async () => {
      expect(await axeViolations(page), 'axe violations').toEqual([]);
    });
  },
});

/** The one tab a worker's paths run in, and the other tab of the same browser some steps use. */
type WorkerFixtures = {
  journeyBrowser: {
    context: BrowserContext;
    page: Page;
    otherTab: () => Promise<Page>;
    chromiumLog: BackgroundServiceLog;
  };
};

/**
 * A page of the app with no script and nothing of anyone's: where a tab waits between paths, so that the next
 * path's opening navigation stays in the same site, and the same renderer process, as the last.
 */
const parkingPath = '/offline.html';

/**
 * What of the project's settings makes the browser context (Playwright's own `context` reads them per test); the
 * window is the paths' own.
 */
const contextOptionNames = [
  'baseURL',
  'userAgent',
  'deviceScaleFactor',
  'isMobile',
  'hasTouch',
  'locale',
  'reducedMotion',
  'serviceWorkers',
] as const;

type PathFixtures = Pick<Driver, 'inOtherTab'> & {
  /** Everything a path's steps work with, in one: the tab, this test's people and accounts, the held calls. */
  driver: Driver;
};

export const pathTest = test.extend<PathFixtures, WorkerFixtures>({
  /**
   * One browser context and tab for all the paths a worker runs, each path starting from nothing (cookies, storage
   * and permissions cleared, see `page`; the other tab, if a path used it, signed out): a new context and tab for
   * each path cost a renderer process started and every script fetched and compiled again, more than a third of a
   * path's time on the 2-core machine.
   */
  journeyBrowser: [
    async ({ browser }, use, workerInfo) => {
      const { use: project } = workerInfo.project;
      const context = await browser.newContext({
        ...(Object.fromEntries(
          contextOptionNames.map((name) => [name, project[name]]),
        ) as BrowserContextOptions),
        viewport: pathWindow,
      });
      const page = await context.newPage();
      let otherTab: Page | undefined;
      await use({
        context,
        page,
        chromiumLog: await BackgroundServiceLog.record(context, page, ['notifications']),
        otherTab: async () => {
          otherTab ??= await context.newPage();
          return otherTab;
        },
      });
      await context.close();
    },
    { scope: 'worker' },
  ],
  context: async ({ journeyBrowser }, use) => {
    await use(journeyBrowser.context);
  },
  page: async ({ journeyBrowser: { context, page, chromiumLog } }, use, testInfo) => {
    // Nothing of the last path is left: its page is left for one with no script (nothing to wait for but its
    // arrival), then the browser forgets it all.
    await page.goto(parkingPath, { waitUntil: 'commit' });
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await closeSystemNotifications(page);
    chromiumLog.clear();
    await context.clearCookies();
    await context.clearPermissions();
    await context.setExtraHTTPHeaders({ 'x-forwarded-for': nextClientAddress(testInfo.workerIndex) });
    await failingOnPageErrors(page, use);
  },
  driver: async (
    { page, context, emails, accountNumbers, server, mail, inOtherTab, journeyBrowser: { chromiumLog } },
    use,
  ) => {
    await use({ page, context, emails, accountNumbers, server, mail, inOtherTab, chromiumLog });
  },
  inOtherTab: async ({ journeyBrowser }, use) => {
    await use(async (work) => {
      // Afterwards the tab stays where its user left it, signed out, keeping nothing: idle as a background tab is.
      await work(await journeyBrowser.otherTab());
    });
  },
});

export { expect, type Page };
