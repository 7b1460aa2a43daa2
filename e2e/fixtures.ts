import { randomInt, randomUUID } from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';
import { mailboxSettings } from '@/mailbox/settings';
import { unknownEmail } from '@/paths/samples';
import { demoAccounts, demoUsers } from '@/server/demoData';
import { axeViolations } from './accessibility';
import { HeldRequests } from './heldRequests';
import { seedAccountCopy, seedCopy } from './serverState';
import { count, timed } from './stepTimings';
import { TestMailbox } from './testMailbox';

type Fixtures = {
  /** The sampled emails of the personas this test meets: only they are seeded (all of them unless a test says). */
  personaEmails: string[];
  /** This test's own number for each SSO account: a copy of it, whose provider only this test may stop. */
  accountNumbers: Record<string, string>;
  /**
   * This test's own email for each sampled one: a fresh copy of every persona, seeded for this test alone in
   * this test's accounts, and an unknown email of its own (one test's lockout must not meet another test).
   */
  emails: Record<string, string>;
  /** The journey's server calls, held until a step lets each one through. */
  server: HeldRequests;
  /** The mail this test's people received, as the demo mailbox (a real SMTP server) kept it. */
  mail: TestMailbox;
  /** Runs axe on the page as it is now; fails on any violation. */
  checkAccessibility: () => Promise<void>;
};

let clients = 0;
const personas = Object.values(demoUsers);

/** Nine digits: never a demo account's number (six) nor the sampled unknown one. */
const ownAccountNumber = () => String(randomInt(100_000_000, 999_999_999));

export const test = base.extend<Fixtures>({
  // Each test is a client of its own address, so that per-IP limits meet only the path that aims at them.
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  extraHTTPHeaders: async ({}, use, testInfo) => {
    clients += 1;
    await use({ 'x-forwarded-for': `198.18.${testInfo.workerIndex % 256}.${clients % 256}` });
  },
  page: async ({ page }, use) => {
    // A hydration error or an uncaught exception is a failure even when every assertion passes.
    count('tests');
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await use(page);
    expect(pageErrors, 'errors thrown in the page').toEqual([]);
  },
  personaEmails: [personas.map((persona) => persona.email), { option: true }],
  accountNumbers: async ({ personaEmails }, use) => {
    const met = personas.filter((persona) => personaEmails.includes(persona.email));
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
  emails: async ({ accountNumbers, personaEmails }, use) => {
    const id = randomUUID().slice(0, 8);
    const ownEmail = (email: string) => email.replace('@', `-${id}@`);
    const ownAccounts = (numbers: string[]) => numbers.map((number) => accountNumbers[number] ?? number);
    await timed('seeding people', () =>
      Promise.all(
        personas
          .filter((persona) => personaEmails.includes(persona.email))
          .map((persona) => seedCopy(persona, ownEmail(persona.email), ownAccounts(persona.accounts))),
      ),
    );
    const sampled = [...personas.map((persona) => persona.email), unknownEmail];
    await use(Object.fromEntries(sampled.map((email) => [email, ownEmail(email)])));
  },
  server: async ({ page }, use) => {
    const journeyApi =
      /\/api\/(session|identify|licence|sso\/start|sso\/complete|password-reset(\/request|\/check)?|notifications\/key)$/;
    await use(await HeldRequests.on(page, journeyApi));
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

export { expect, type Page };
