import { expect } from '@playwright/test';
import { noticeMessages, problemMessages } from '@/components/messages';
import type { JourneyContext } from '@/machines/journeyTypes';
import { type Driver, liveEmail } from './driver';

type Check = (driver: Driver, context: JourneyContext) => Promise<void>;

const productName = process.env.PRODUCT_NAME ?? 'Relay One';

const heading = ({ page }: Driver, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** Focus follows the step: on a fresh step its heading, after a refused field that field. */
async function expectFocusOnStep(driver: Driver, name: string, context: JourneyContext, field?: string) {
  if (context.problem && field) await expect(driver.page.getByLabel(field, { exact: true })).toBeFocused();
  else await expect(heading(driver, name)).toBeFocused();
}

/** Checks every state shares: the problem the machine reports is announced inside main, and only it. */
export async function expectProblemAndNotice({ page }: Driver, context: JourneyContext) {
  const alerts = page.getByRole('main').getByRole('alert');
  if (context.problem) await expect(alerts).toHaveText([problemMessages[context.problem]]);
  else await expect(alerts).toHaveCount(0);
  const notice = page.getByRole('main').getByText(noticeMessages.signedOut);
  if (context.notice) await expect(notice).toBeVisible();
  else await expect(notice).toHaveCount(0);
}

async function expectHome(driver: Driver, context: JourneyContext) {
  const session = context.session;
  if (!session) throw new Error('a signed-in state without a session in the machine');
  const firstName = session.user.name.split(' ')[0] as string;
  await expect(heading(driver, `Welcome back, ${firstName}`)).toBeVisible();
  const inbox = [
    ['Missed calls', session.inbox.missedCalls],
    ['Unread messages', session.inbox.unreadMessages],
    ['Meeting invitations', session.inbox.meetingInvitations],
  ] as const;
  for (const [name, count] of inbox) {
    await expect(driver.page.getByRole('region', { name })).toContainText(String(count));
  }
}

/** The states table: for every atomic state of the machine, what the user sees in it. */
export const stateTable: Record<string, Check> = {
  'journey.checkingSession': async ({ page }) => {
    await expect(page.getByRole('status')).toHaveText('Checking your session…');
  },
  'journey.sessionCheckFailed': async (driver, context) => {
    await expectFocusOnStep(driver, `Can’t open ${productName}`, context);
    await expect(driver.page.getByRole('button', { name: 'Try again' })).toBeEnabled();
  },
  'journey.signedOut.welcome': async (driver, context) => {
    await expectFocusOnStep(driver, `Welcome to ${productName}`, context);
    await expect(driver.page.getByRole('button', { name: 'SIGN IN' })).toBeEnabled();
  },
  'journey.signedOut.identify': async (driver, context) => {
    await expectFocusOnStep(driver, 'Sign in', context, 'Email or User Principal Name');
    await expect(driver.page.getByRole('textbox', { name: 'Email or User Principal Name' })).toBeEditable();
  },
  'journey.signedOut.password': async (driver, context) => {
    await expectFocusOnStep(driver, 'Enter your password', context, 'Password');
    await expect(driver.page.getByText(liveEmail(driver, context.email), { exact: true })).toBeVisible();
    await expect(driver.page.getByRole('button', { name: 'Next' })).toBeEnabled();
    await expect(driver.page.getByRole('button', { name: 'Change' })).toBeEnabled();
  },
  'journey.signedOut.signingIn': async ({ page }) => {
    await expect(page.getByRole('status')).toHaveText('Signing in…');
    await expect(page.getByRole('button', { name: /Signing in/ })).toBeDisabled();
  },
  'journey.signedIn.home.menuClosed': async (driver, context) => {
    await expectHome(driver, context);
    await expect(driver.page.getByRole('button', { name: 'Account menu' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    await expect(driver.page.getByRole('button', { name: 'Logout' })).toBeHidden();
  },
  'journey.signedIn.home.menuOpen': async (driver, context) => {
    await expectHome(driver, context);
    await expect(driver.page.getByRole('button', { name: 'Account menu' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    await expect(driver.page.getByText(context.session?.user.name ?? '', { exact: true })).toBeVisible();
    await expect(driver.page.getByText(driver.user.email, { exact: true })).toBeVisible();
    await expect(driver.page.getByRole('button', { name: 'Logout' })).toBeFocused();
  },
  'journey.signedIn.signingOut': async (driver, context) => {
    await expectHome(driver, context);
    await expect(driver.page.getByRole('status')).toHaveText('Signing out…');
  },
};
