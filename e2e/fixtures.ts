import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import type { DemoUser } from '@/server/demoData';
import { HeldRequests } from './heldRequests';
import { knownUser } from './samples';

export type JourneyUser = DemoUser;

type Fixtures = {
  /** A fresh copy of the sampled user, seeded into the server's database for this test alone. */
  journeyUser: JourneyUser;
  /** The journey's server calls, held until a step lets each one through. */
  server: HeldRequests;
  /** Runs axe on the page as it is now; fails on any violation. */
  checkAccessibility: () => Promise<void>;
};

async function seed(user: DemoUser) {
  // Loaded in the worker only: these modules open the server's database.
  const { seedUser } = await import('@/server/seed');
  await seedUser(user);
}

export const test = base.extend<Fixtures>({
  page: async ({ page }, use) => {
    // A hydration error or an uncaught exception is a failure even when every assertion passes.
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await use(page);
    expect(pageErrors, 'errors thrown in the page').toEqual([]);
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  journeyUser: async ({}, use) => {
    const user = { ...knownUser, email: `ada-${randomUUID().slice(0, 8)}@acme.test` };
    await seed(user);
    await use(user);
  },
  server: async ({ page }, use) => {
    await use(await HeldRequests.on(page, '**/api/session'));
  },
  checkAccessibility: async ({ page }, use) => {
    await use(async () => {
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map(({ id, help, nodes }) => `${id}: ${help} (${nodes.length})`)).toEqual([]);
    });
  },
});

export { expect, type Page };
