import { expect } from '@playwright/test';
import {
  methodHeadingFor,
  noticeMessages,
  notificationStatusMessages,
  problemMessages,
  resetRequestedMessage,
} from '@/components/messages';
import { IDP_NAME } from '@/idp/signInPage';
import type { JourneyContext } from '@/machines/journeyTypes';
import { demoPersonaNamed } from '@/server/demoData';
import { type Driver, liveAccountNumber, liveEmail } from './driver';
import { notificationPermissionOf } from './notificationPrompt';
import { systemNotificationTitles } from './systemNotifications';

type Check = (driver: Driver, context: JourneyContext) => Promise<void>;

const productName = process.env.PRODUCT_NAME ?? 'Relay One';
const licenceBox = 'I accept the End User License Agreement';

const heading = ({ page }: Driver, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const button = ({ page }: Driver, name: string) => page.getByRole('button', { name, exact: true });

/** Focus follows the step: on a fresh step its heading, after a refused field that field. */
async function expectFocusOnStep(driver: Driver, name: string, context: JourneyContext, field?: string) {
  if (context.problem && field) await expect(driver.page.getByLabel(field, { exact: true })).toBeFocused();
  else await expect(heading(driver, name)).toBeFocused();
}

/** What every state shares: the problem the machine reports is announced inside main, and only it. */
export async function expectProblem({ page }: Driver, context: JourneyContext) {
  const alerts = page.getByRole('main').getByRole('alert');
  if (context.problem) await expect(alerts).toHaveText([problemMessages[context.problem]]);
  else await expect(alerts).toHaveCount(0);
}

async function expectBusy({ page }: Driver, words: string) {
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: words })).toBeVisible();
}

/**
 * What just arrived is told to screen readers, on every screen of a signed-in user; nothing before anything has.
 * Where the browser allowed notifications, the system shows it too.
 */
async function expectAnnouncement({ page, chromiumLog }: Driver, context: JourneyContext) {
  await expect(page.getByRole('status', { name: 'Just arrived' })).toHaveText(context.announcement ?? '');
  const notified = context.systemNotification;
  if (!notified) return;
  // The last notification Chromium displayed is this one, and it is still shown.
  expect(chromiumLog.displayedTitles().at(-1), 'the last system notification displayed').toBe(notified);
  await expect
    .poll(() => systemNotificationTitles(page), { message: 'the system notifications shown' })
    .toContain(notified);
}

async function expectHome(driver: Driver, context: JourneyContext) {
  await expectAnnouncement(driver, context);
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
  // What the home says of notifications is what this browser answered; the browser itself agrees.
  const status = driver.page.getByText(/^Notifications are /);
  const { notifications } = context;
  if (notifications) await expect(status).toHaveText(notificationStatusMessages[notifications]);
  else await expect(status).toHaveCount(0);
  const setting = notifications === 'granted' || notifications === 'denied' ? notifications : 'prompt';
  expect(await notificationPermissionOf(driver), "the browser's notification permission").toBe(setting);
}

const permissionsHeading = 'Know when someone calls';

async function expectLicence(driver: Driver, checked: boolean) {
  await expect(heading(driver, 'End User License Agreement')).toBeVisible();
  const box = driver.page.getByRole('checkbox', { name: licenceBox });
  await expect(box).toBeChecked({ checked });
  return box;
}

/** The states table: for every atomic state of the machine, what the user sees in it. */
export const stateTable: Record<string, Check> = {
  'journey.checkingSession': async ({ page }) => {
    await expect(page.getByRole('main').getByRole('status')).toHaveText('Checking your session…');
  },
  'journey.sessionCheckFailed': async (driver, context) => {
    await expectFocusOnStep(driver, `Can’t open ${productName}`, context);
    await expect(button(driver, 'Try again')).toBeEnabled();
  },
  'journey.signedOut.welcome': async (driver, context) => {
    await expectFocusOnStep(driver, `Welcome to ${productName}`, context);
    await expect(button(driver, 'SIGN IN')).toBeEnabled();
    const notices = driver.page.getByRole('main').getByRole('status');
    if (context.notice) await expect(notices).toHaveText(noticeMessages[context.notice]);
    else await expect(notices).toHaveCount(0);
  },
  'journey.signedOut.identify': async (driver, context) => {
    await expectFocusOnStep(driver, 'Sign in', context, 'Email or User Principal Name');
    await expect(driver.page.getByRole('textbox', { name: 'Email or User Principal Name' })).toBeEditable();
  },
  'journey.signedOut.identifying': async (driver) => {
    await expectBusy(driver, 'Checking…');
    await expect(button(driver, 'Back')).toBeDisabled();
  },
  'journey.signedOut.accountNumber': async (driver, context) => {
    await expectFocusOnStep(driver, 'Which account?', context, 'Account number');
    await expect(driver.page.getByText(liveEmail(driver, context.email))).toBeVisible();
    await expect(driver.page.getByRole('textbox', { name: 'Account number' })).toBeEditable();
  },
  'journey.signedOut.checkingAccountNumber': async (driver) => {
    await expectBusy(driver, 'Checking…');
  },
  'journey.signedOut.method': async (driver, context) => {
    const methods = context.methods;
    if (!methods) throw new Error('the method step without methods in the machine');
    const name = methodHeadingFor(methods);
    if (methods.password || !context.problem) await expectFocusOnStep(driver, name, context, 'Password');
    else await expect(button(driver, 'Single Sign On')).toBeFocused();
    await expect(driver.page.getByText(liveEmail(driver, context.email), { exact: true })).toBeVisible();
    if (context.accountNumber) {
      const number = liveAccountNumber(driver, context.accountNumber);
      await expect(driver.page.getByText(`Account ${number}`)).toBeVisible();
    }
    await expect(button(driver, 'Change')).toBeEnabled();
    // What the account offers, and nothing it does not.
    await expect(button(driver, 'Single Sign On')).toHaveCount(methods.sso ? 1 : 0);
    await expect(driver.page.getByLabel('Password', { exact: true })).toHaveCount(methods.password ? 1 : 0);
    await expect(button(driver, 'Next')).toHaveCount(methods.password ? 1 : 0);
    await expect(button(driver, 'Forgot password?')).toHaveCount(methods.password ? 1 : 0);
  },
  'journey.signedOut.passwordReset.forgotPassword': async (driver, context) => {
    await expectFocusOnStep(driver, 'Reset your password', context, 'Email');
    await expect(driver.page.getByRole('textbox', { name: 'Email', exact: true })).toBeEditable();
    await expect(button(driver, 'Send reset link')).toBeEnabled();
  },
  'journey.signedOut.passwordReset.requestingReset': async (driver) => {
    await expectBusy(driver, 'Sending…');
  },
  'journey.signedOut.passwordReset.resetRequested': async (driver, context) => {
    await expectFocusOnStep(driver, 'Check your email', context);
    await expect(driver.page.getByRole('main').getByRole('status')).toHaveText(resetRequestedMessage);
    await expect(button(driver, 'Back to sign in')).toBeEnabled();
  },
  'journey.signedOut.passwordReset.checkingResetLink': async (driver) => {
    await expectBusy(driver, 'Checking your link…');
    // The token is gone from the address bar (and so from history) as soon as the journey has it.
    expect(new URL(driver.page.url()).pathname).toBe('/');
  },
  'journey.signedOut.passwordReset.resetLinkInvalid': async (driver, context) => {
    await expectFocusOnStep(driver, 'This link doesn’t work', context);
    await expect(button(driver, 'Send a new link')).toBeEnabled();
    await expect(button(driver, 'Try again')).toHaveCount(0);
  },
  'journey.signedOut.passwordReset.resetLinkCheckFailed': async (driver, context) => {
    await expectFocusOnStep(driver, 'We couldn’t check your link', context);
    await expect(button(driver, 'Try again')).toBeEnabled();
    await expect(button(driver, 'Send a new link')).toBeEnabled();
  },
  'journey.signedOut.passwordReset.newPassword': async (driver, context) => {
    const field = context.problem === 'passwordsDiffer' ? 'Confirm new password' : 'New password';
    await expectFocusOnStep(driver, 'Choose a new password', context, field);
    await expect(driver.page.getByLabel('New password', { exact: true })).toBeEditable();
    await expect(driver.page.getByLabel('Confirm new password', { exact: true })).toBeEditable();
    await expect(button(driver, 'Change password')).toBeEnabled();
  },
  'journey.signedOut.passwordReset.resettingPassword': async (driver) => {
    await expectBusy(driver, 'Changing your password…');
  },
  'journey.signedOut.startingSso': async (driver) => {
    await expectBusy(driver, 'Connecting to your identity provider…');
    await expect(driver.page.getByRole('button', { name: /Connecting/ })).toBeDisabled();
  },
  'journey.signedOut.atProvider': async (driver, context) => {
    // The provider's own page, on its own origin, with the name it knows the user by (their UPN, if any) filled in.
    await expect(driver.page.getByRole('heading', { level: 1, name: IDP_NAME })).toBeVisible();
    const knownBy = demoPersonaNamed(context.email)?.upn ?? context.email;
    await expect(driver.page.getByLabel('Email')).toHaveValue(liveEmail(driver, knownBy));
    await expect(driver.page.getByLabel('Password', { exact: true })).toBeFocused();
  },
  'journey.signingOutAtProvider': async (driver) => {
    // Signed out of the app already (its server check saw the session end); the provider's own page asks now.
    await expect(driver.page.getByRole('heading', { level: 1, name: IDP_NAME })).toBeVisible();
    await expect(driver.page.getByRole('button', { name: 'Sign out', exact: true })).toBeFocused();
    await expect(driver.page.getByRole('button', { name: 'Stay signed in', exact: true })).toBeEnabled();
  },
  'journey.signedOut.completingSso': async (driver) => {
    await expectBusy(driver, 'Signing you in…');
    // The code and state are gone from the address bar (and so from history) as soon as the journey has them.
    expect(new URL(driver.page.url()).pathname).toBe('/');
  },
  'journey.signedOut.ssoFailed': async (driver, context) => {
    await expectFocusOnStep(driver, 'Single Sign-On didn’t work', context);
    // Try again only when the journey kept whom to send back to the provider.
    await expect(button(driver, 'Try again')).toHaveCount(context.methods?.sso ? 1 : 0);
    await expect(button(driver, 'Back to sign in')).toBeEnabled();
  },
  'journey.signedOut.signingIn': async (driver) => {
    await expectBusy(driver, 'Signing in…');
    await expect(driver.page.getByRole('button', { name: /Signing in/ })).toBeDisabled();
  },
  'journey.signedOut.lockedOut': async (driver, context) => {
    await expectFocusOnStep(driver, 'Signing in is paused', context);
    await expect(driver.page.getByRole('main')).toContainText(liveEmail(driver, context.email));
    await expect(driver.page.getByRole('main').locator('time')).toHaveAttribute(
      'datetime',
      /^\d{4}-\d\d-\d\dT/,
    );
    await expect(button(driver, 'Try again')).toBeEnabled();
  },
  'journey.signedIn.licence.unchecked': async (driver) => {
    const box = await expectLicence(driver, false);
    await expect(button(driver, 'CONFIRM')).toBeDisabled();
    // Focus is on the heading when the licence appears, or stays on the box the user just unchecked.
    await expect(driver.page.locator('h1:focus, input[type="checkbox"]:focus')).toHaveCount(1);
    await expect(box).toBeVisible();
  },
  'journey.signedIn.licence.checked': async (driver) => {
    await expectLicence(driver, true);
    await expect(button(driver, 'CONFIRM')).toBeEnabled();
  },
  'journey.signedIn.acceptingLicence': async (driver) => {
    await expectLicence(driver, true);
    await expectBusy(driver, 'Saving your acceptance…');
    await expect(button(driver, 'CONFIRM')).toBeDisabled();
  },
  'journey.signedIn.permissions.offered': async (driver, context) => {
    if (context.problem) await expect(button(driver, 'Allow notifications')).toBeFocused();
    else await expect(heading(driver, permissionsHeading)).toBeFocused();
    await expect(button(driver, 'Allow notifications')).toBeEnabled();
    await expect(button(driver, 'Not now')).toBeEnabled();
    await expectAnnouncement(driver, context);
  },
  'journey.signedIn.permissions.asking': async (driver, context) => {
    await expect(heading(driver, permissionsHeading)).toBeVisible();
    await expectAnnouncement(driver, context);
    await expectBusy(driver, 'Waiting for your browser…');
    await expect(button(driver, 'Allow notifications')).toBeDisabled();
  },
  'journey.signedIn.home.menuClosed': async (driver, context) => {
    await expectHome(driver, context);
    const accountMenu = driver.page.getByRole('button', { name: 'Account menu' });
    await expect(accountMenu).toHaveAttribute('aria-expanded', 'false');
    await expect(driver.page.getByRole('menuitem', { name: 'Logout' })).toBeHidden();
    // Focus is on the heading when the home opens, and back on the avatar after the menu closed or a logout failed.
    if (context.problem) await expect(accountMenu).toBeFocused();
    else await expect(driver.page.locator('h1:focus, button[aria-haspopup]:focus')).toHaveCount(1);
  },
  'journey.signedIn.home.menuOpen': async (driver, context) => {
    await expectHome(driver, context);
    const { page } = driver;
    const session = context.session;
    await expect(page.getByRole('button', { name: 'Account menu' })).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByText(session?.user.name ?? '', { exact: true })).toBeVisible();
    await expect(page.getByText(liveEmail(driver, session?.user.email ?? ''), { exact: true })).toBeVisible();
    const accountNumber = liveAccountNumber(driver, session?.account.number ?? '');
    await expect(page.getByText(`${session?.account.name} · account ${accountNumber}`)).toBeVisible();
    await expect(page.getByRole('menuitem', { name: 'Logout' })).toBeFocused();
  },
  'journey.signedIn.signingOut': async (driver, context) => {
    if (context.session?.licenceAccepted) await expectHome(driver, context);
    else await expectLicence(driver, false);
    await expectBusy(driver, 'Signing out…');
  },
};
