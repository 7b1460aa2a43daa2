import type { BrowserContext, Page } from '@playwright/test';
import { demoPersonaNamed } from '@/server/demoData';
import type { BackgroundServiceLog } from './backgroundServices';
import type { HeldRequests } from './heldRequests';
import type { TestMailbox } from './testMailbox';

/** What a table entry works with: the page, this test's own people and accounts, and the held server calls. */
export type Driver = {
  page: Page;
  context: BrowserContext;
  /** This test's own name for each sampled one (emails, UPNs): a seeded copy of each persona, and an unknown email. */
  emails: Record<string, string>;
  /** This test's own number for each SSO account: a copy whose provider this test alone may stop. */
  accountNumbers: Record<string, string>;
  server: HeldRequests;
  /** Does something in another tab of this browser (its cookies, its storage), as the user would there. */
  inOtherTab: (work: (tab: Page) => Promise<void>) => Promise<void>;
  /** The mail this test's people received through SMTP. */
  mail: TestMailbox;
  /** Chromium's own log of the system notifications it displayed since this test began. */
  chromiumLog: BackgroundServiceLog;
};

/**
 * Whether a call into the page failed only because the page went on to a new document meanwhile (Playwright's
 * words for it): the call is then made again in the new one.
 */
export const cutByNavigation = (error: Error) =>
  /Execution context was destroyed|navigat/i.test(error.message);

/** A sampled email becomes this test's own; any other value (a malformed one) is used as it is. */
export function liveEmail(driver: Driver, email: string): string {
  return driver.emails[email] ?? email;
}

/** The email this test's copy of a sampled person signs in as, whichever of their names (email, UPN) was typed. */
export function liveEmailOf(driver: Driver, name: string): string {
  return liveEmail(driver, demoPersonaNamed(name)?.email ?? name);
}

/** A sampled account number becomes this test's own copy's; any other (unknown, malformed) is used as it is. */
export function liveAccountNumber(driver: Driver, accountNumber: string): string {
  return driver.accountNumbers[accountNumber] ?? accountNumber;
}
