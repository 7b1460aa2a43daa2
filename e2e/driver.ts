import type { BrowserContext, Page } from '@playwright/test';
import type { DemoUser } from '@/server/demoData';
import type { HeldRequests } from './heldRequests';

/** What a table entry works with: the page, this test's own copies of the personas, and the held server calls. */
export type Driver = {
  page: Page;
  context: BrowserContext;
  /** This test's copy of each persona, by the persona's email. */
  users: Record<string, DemoUser>;
  server: HeldRequests;
};

/** A persona's email becomes this test's copy's; any other value is used as it is. */
export function liveEmail(driver: Driver, email: string): string {
  return driver.users[email]?.email ?? email;
}
