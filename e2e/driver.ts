import type { BrowserContext, Page } from '@playwright/test';
import type { HeldRequests } from './heldRequests';

/** What a table entry works with: the page, this test's own emails, and the held server calls. */
export type Driver = {
  page: Page;
  context: BrowserContext;
  /** This test's own email for each sampled one: a seeded copy of each persona, and an unknown email of its own. */
  emails: Record<string, string>;
  server: HeldRequests;
};

/** A sampled email becomes this test's own; any other value (a malformed one) is used as it is. */
export function liveEmail(driver: Driver, email: string): string {
  return driver.emails[email] ?? email;
}
