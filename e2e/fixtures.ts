import { randomInt, randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { mailboxSettings } from '@/mailbox/settings';
import { demoAccounts } from '@/server/demoData';
import { HeldRequests } from './heldRequests';
import { personas, unknownEmail } from './samples';
import { seedAccountCopy, seedCopy } from './serverState';
import { TestMailbox } from './testMailbox';

type Fixtures = {
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
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await use(page);
    expect(pageErrors, 'errors thrown in the page').toEqual([]);
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  accountNumbers: async ({}, use) => {
    const ssoAccounts = Object.values(demoAccounts).filter((account) => account.signIn !== 'password');
    const copies = await Promise.all(
      ssoAccounts.map(async (account) => {
        const copy = ownAccountNumber();
        await seedAccountCopy(account, copy);
        return [account.number, copy] as const;
      }),
    );
    await use(Object.fromEntries(copies));
  },
  emails: async ({ accountNumbers }, use) => {
    const id = randomUUID().slice(0, 8);
    const ownEmail = (email: string) => email.replace('@', `-${id}@`);
    const ownAccounts = (numbers: string[]) => numbers.map((number) => accountNumbers[number] ?? number);
    await Promise.all(
      personas.map((persona) => seedCopy(persona, ownEmail(persona.email), ownAccounts(persona.accounts))),
    );
    const sampled = [...personas.map((persona) => persona.email), unknownEmail];
    await use(Object.fromEntries(sampled.map((email) => [email, ownEmail(email)])));
  },
  server: async ({ page }, use) => {
    const journeyApi =
      /\/api\/(session|identify|licence|sso\/start|sso\/complete|password-reset(\/request|\/check)?)$/;
    await use(await HeldRequests.on(page, journeyApi));
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  mail: async ({}, use) => {
    await use(new TestMailbox(mailboxSettings.dir));
  },
  checkAccessibility: async ({ page }, use) => {
    await use(async () => {
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map(({ id, help, nodes }) => `${id}: ${help} (${nodes.length})`)).toEqual([]);
    });
  },
});

export { expect, type Page };
