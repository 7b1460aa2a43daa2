import type { Page } from '@playwright/test';
import type { JourneyUser } from './fixtures';
import type { HeldRequests } from './heldRequests';
import { knownUser } from './samples';

/** What a table entry works with: the page, this test's own user, and the held server calls. */
export type Driver = { page: Page; user: JourneyUser; server: HeldRequests };

/** The sampled user's email becomes this test's own user's; any other value is used as it is. */
export function liveEmail(driver: Driver, email: string): string {
  return email === knownUser.email ? driver.user.email : email;
}
