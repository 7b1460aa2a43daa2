import { expect } from '@playwright/test';
import {
  methodHeadingFor,
  noticeMessages,
  notificationStatusMessages,
  problemMessages,
  resetRequestedMessage,
} from '@/components/messages';
import { IDP_NAME } from '@/idp/signInPage';
import type { JourneyContext, SignInMethods } from '@/machines/journeyTypes';
import { demoPersonaNamed } from '@/server/demoData';
import { type Driver, liveAccountNumber, liveEmail } from './driver';
import { notificationPermissionOf } from './notificationPrompt';
import {
  alert,
  button,
  checkbox,
  exactly,
  expectScreen,
  heading,
  holding,
  menuitem,
  named,
  paragraph,
  paragraphWith,
  status,
  type Tree,
  text,
  textbox,
  textWith,
} from './screenTemplate';
import { systemNotificationTitles } from './systemNotifications';

type Check = (driver: Driver, context: JourneyContext) => Promise<void>;

const productName = process.env.PRODUCT_NAME ?? 'Relay One';
const licenceBox = 'I accept the End User License Agreement';

const headingOf = ({ page }: Driver, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** Focus follows the step: on a fresh step its heading, after a refused field that field. */
async function expectFocusOnStep(driver: Driver, name: string, context: JourneyContext, field?: string) {
  if (context.problem && field) await expect(driver.page.getByLabel(field, { exact: true })).toBeFocused();
  else await expect(headingOf(driver, name)).toBeFocused();
}

/**
 * A field the user can type into now: a busy step makes its fields read-only, which an aria snapshot does not say.
 */
async function expectEditable({ page }: Driver, label: string) {
  await expect(page.getByLabel(label, { exact: true })).toBeEditable();
}

/** The problem the machine reports, announced where the screen puts it; nothing where it reports none. */
const problemOf = (context: JourneyContext): Tree[] =>
  context.problem ? [alert(problemMessages[context.problem])] : [];

/**
 * All that main holds on a step of the sign-in card, in order, and nothing else: the product's name, then the
 * step's own nodes. One look at the page for all of them.
 */
const expectCard = (driver: Driver, ...nodes: Tree[]) =>
  expectScreen(driver.page.locator('main'), exactly('main', [text(productName), ...nodes]));

/** A field with its label, as the card shows it. */
const field = (label: string, enabled?: boolean): Tree[] => [text(label), textbox(label, enabled)];

/** Who is signing in, as the method step shows it: their email, and the account number they gave. */
function whoOf(driver: Driver, context: JourneyContext): string {
  const email = liveEmail(driver, context.email);
  return context.accountNumber
    ? `${email} Account ${liveAccountNumber(driver, context.accountNumber)}`
    : email;
}

function methodsOf(context: JourneyContext): SignInMethods {
  if (!context.methods) throw new Error('the method step without methods in the machine');
  return context.methods;
}

/**
 * The method step, idle or at work (`working`: what the step is doing, with the busy words of its live region).
 * What the account offers, and nothing it does not: Single Sign-On, the password, or both.
 */
function methodStep(
  driver: Driver,
  context: JourneyContext,
  working?: { by: 'sso' | 'password'; words: string; button: string },
): Tree[] {
  const methods = methodsOf(context);
  const idle = working === undefined;
  const sso: Tree[] = methods.sso
    ? [
        ...(working?.by === 'sso'
          ? [status(working.words), button(working.button, false)]
          : [status(), button('Single Sign On', idle)]),
        // Without a password field, the problem is said under the one way on.
        ...(methods.password ? [] : problemOf(context)),
      ]
    : [];
  const password: Tree[] = methods.password
    ? [
        ...(methods.sso ? [paragraph()] : []),
        ...field('Password', working?.by === 'sso' ? undefined : true),
        ...problemOf(context),
        ...(working?.by === 'password'
          ? [status(working.words), button(working.button, false)]
          : [status(), button('Next', idle ? true : undefined)]),
        button('Forgot password?', idle),
      ]
    : [];
  return [
    heading(methodHeadingFor(methods)),
    text(whoOf(driver, context)),
    button('Change', idle),
    ...sso,
    ...password,
  ];
}

/** The email step of the password reset, idle or sending. */
const resetRequestStep = (context: JourneyContext, sending: boolean): Tree[] => [
  heading('Reset your password'),
  paragraph(),
  ...field('Email', true),
  ...problemOf(context),
  ...(sending
    ? [button('Back', false), status('Sending…'), button('Sending…', false)]
    : [button('Back', true), status(), button('Send reset link', true)]),
];

/** The new-password step, idle or changing it. */
const newPasswordStep = (context: JourneyContext, changing: boolean): Tree[] => [
  heading('Choose a new password'),
  ...field('New password', true),
  paragraph(),
  ...field('Confirm new password', true),
  ...problemOf(context),
  ...(changing
    ? [status('Changing your password…'), button('Changing your password…', false)]
    : [status(), button('Change password', true)]),
];

/** The email step, idle or checking it. */
const identifyStep = (context: JourneyContext, checking: boolean): Tree[] => [
  heading('Sign in'),
  ...field('Email or User Principal Name', true),
  paragraph(),
  ...problemOf(context),
  ...(checking
    ? [button('Back', false), status('Checking…'), button('Checking…', false)]
    : [button('Back', true), status(), button('Next', true)]),
];

/** The account number step, idle or checking it. */
const accountNumberStep = (driver: Driver, context: JourneyContext, checking: boolean): Tree[] => [
  heading('Which account?'),
  paragraphWith(liveEmail(driver, context.email)),
  ...field('Account number', true),
  ...problemOf(context),
  ...(checking
    ? [button('Back', false), status('Checking…'), button('Checking…', false)]
    : [button('Back', true), status(), button('Next', true)]),
];

/** The licence: the agreement, its box (checked or not), and what the step is doing (busy words), if anything. */
const licenceStep = (context: JourneyContext, checked: boolean, busy?: string): Tree[] => [
  heading('End User License Agreement'),
  holding('region /^License agreement/', []),
  checkbox(licenceBox, checked, busy === undefined),
  text(licenceBox),
  ...problemOf(context),
  status(busy),
  button('Decline', busy === undefined),
  button('CONFIRM', busy === undefined && checked),
];

/**
 * What just arrived is told to screen readers, on every screen of a signed-in user; nothing before anything has.
 * Where the browser allowed notifications, the system shows it too.
 */
const announcementOf = (context: JourneyContext): Tree => status(context.announcement, 'Just arrived');

async function expectSystemNotification({ page, chromiumLog }: Driver, context: JourneyContext) {
  const notified = context.systemNotification;
  if (!notified) return;
  // The last notification Chromium displayed is this one, and it is still shown.
  expect(chromiumLog.displayedTitles().at(-1), 'the last system notification displayed').toBe(notified);
  await expect
    .poll(() => systemNotificationTitles(page), { message: 'the system notifications shown' })
    .toContain(notified);
}

/** The permissions step, offered or asking the browser. */
async function expectPermissionsStep(driver: Driver, context: JourneyContext, asking: boolean) {
  await expectScreen(
    driver.page.locator('body'),
    exactly('main', [
      text(productName),
      heading(permissionsHeading),
      paragraph(),
      ...problemOf(context),
      ...(asking
        ? [
            status('Waiting for your browser…'),
            button('Not now', false),
            button('Allow notifications', false),
          ]
        : [status(), button('Not now', true), button('Allow notifications', true)]),
    ]),
    announcementOf(context),
  );
  await expectSystemNotification(driver, context);
}

/**
 * The home, its menu open or closed, or signing out: the top bar with the account menu, the user's inbox, what
 * this browser answered about notifications (the browser itself agrees), what just arrived.
 */
async function expectHome(driver: Driver, context: JourneyContext, menu: 'closed' | 'open' | 'signingOut') {
  const session = context.session;
  if (!session) throw new Error('a signed-in state without a session in the machine');
  const firstName = session.user.name.split(' ')[0] as string;
  const { notifications } = context;
  const accountMenu = named(
    'button',
    'Account menu',
    ` [expanded=${menu === 'open'}] [disabled=${menu === 'signingOut'}]`,
  );
  const openMenu: Tree[] =
    menu === 'open'
      ? [
          paragraph(session.user.name),
          paragraph(liveEmail(driver, session.user.email)),
          paragraph(`${session.account.name} · account ${liveAccountNumber(driver, session.account.number)}`),
          exactly(named('menu', 'Account'), [menuitem('Logout')]),
        ]
      : [];
  const inbox = (
    [
      ['Missed calls', session.inbox.missedCalls],
      ['Unread messages', session.inbox.unreadMessages],
      ['Meeting invitations', session.inbox.meetingInvitations],
    ] as const
  ).map(([name, count]) => exactly(named('region', name), [heading(name, 2), paragraph(String(count))]));
  await expectScreen(
    driver.page.locator('body'),
    // The top bar may offer to install the app besides (when the browser allows it).
    holding('banner', [text(productName), accountMenu, ...openMenu]),
    exactly('main', [
      heading(`Welcome back, ${firstName}`),
      status(menu === 'signingOut' ? 'Signing out…' : undefined),
      ...problemOf(context),
      paragraph('While you were away:'),
      ...inbox,
      ...(notifications ? [paragraph(notificationStatusMessages[notifications])] : []),
    ]),
    announcementOf(context),
  );
  await expectSystemNotification(driver, context);
  const setting = notifications === 'granted' || notifications === 'denied' ? notifications : 'prompt';
  expect(await notificationPermissionOf(driver), "the browser's notification permission").toBe(setting);
}

const permissionsHeading = 'Know when someone calls';

/** On the identity provider's own page: the problem the machine reports is announced inside main, and only it. */
async function expectProblemAtProvider({ page }: Driver, context: JourneyContext) {
  const alerts = page.getByRole('main').getByRole('alert');
  if (context.problem) await expect(alerts).toHaveText([problemMessages[context.problem]]);
  else await expect(alerts).toHaveCount(0);
}

/** The states table: for every atomic state of the machine, what the user sees in it. */
export const stateTable: Record<string, Check> = {
  'journey.checkingSession': async (driver, context) => {
    await expectCard(
      driver,
      heading(`Opening ${productName}`),
      ...problemOf(context),
      status('Checking your session…'),
    );
  },
  'journey.sessionCheckFailed': async (driver, context) => {
    const name = `Can’t open ${productName}`;
    await expectCard(driver, heading(name), ...problemOf(context), button('Try again', true));
    await expectFocusOnStep(driver, name, context);
  },
  'journey.signedOut.welcome': async (driver, context) => {
    const name = `Welcome to ${productName}`;
    const notice = context.notice ? [status(noticeMessages[context.notice])] : [];
    await expectCard(
      driver,
      ...notice,
      heading(name),
      ...problemOf(context),
      paragraph(),
      button('SIGN IN', true),
    );
    await expectFocusOnStep(driver, name, context);
  },
  'journey.signedOut.identify': async (driver, context) => {
    await expectCard(driver, ...identifyStep(context, false));
    await expectEditable(driver, 'Email or User Principal Name');
    await expectFocusOnStep(driver, 'Sign in', context, 'Email or User Principal Name');
  },
  'journey.signedOut.identifying': async (driver, context) => {
    await expectCard(driver, ...identifyStep(context, true));
  },
  'journey.signedOut.accountNumber': async (driver, context) => {
    await expectCard(driver, ...accountNumberStep(driver, context, false));
    await expectEditable(driver, 'Account number');
    await expectFocusOnStep(driver, 'Which account?', context, 'Account number');
  },
  'journey.signedOut.checkingAccountNumber': async (driver, context) => {
    await expectCard(driver, ...accountNumberStep(driver, context, true));
  },
  'journey.signedOut.method': async (driver, context) => {
    const methods = methodsOf(context);
    await expectCard(driver, ...methodStep(driver, context));
    if (methods.password || !context.problem)
      await expectFocusOnStep(driver, methodHeadingFor(methods), context, 'Password');
    else await expect(driver.page.getByRole('button', { name: 'Single Sign On', exact: true })).toBeFocused();
  },
  'journey.signedOut.passwordReset.forgotPassword': async (driver, context) => {
    await expectCard(driver, ...resetRequestStep(context, false));
    await expectEditable(driver, 'Email');
    await expectFocusOnStep(driver, 'Reset your password', context, 'Email');
  },
  'journey.signedOut.passwordReset.requestingReset': async (driver, context) => {
    await expectCard(driver, ...resetRequestStep(context, true));
  },
  'journey.signedOut.passwordReset.resetRequested': async (driver, context) => {
    const name = 'Check your email';
    await expectCard(
      driver,
      heading(name),
      ...problemOf(context),
      status(resetRequestedMessage),
      button('Back to sign in', true),
    );
    await expectFocusOnStep(driver, name, context);
  },
  'journey.signedOut.passwordReset.checkingResetLink': async (driver, context) => {
    await expectCard(
      driver,
      heading('Reset your password'),
      ...problemOf(context),
      status('Checking your link…'),
    );
    // The token is gone from the address bar (and so from history) as soon as the journey has it.
    expect(new URL(driver.page.url()).pathname).toBe('/');
  },
  'journey.signedOut.passwordReset.resetLinkInvalid': async (driver, context) => {
    const name = 'This link doesn’t work';
    await expectCard(driver, heading(name), ...problemOf(context), button('Send a new link', true));
    await expectFocusOnStep(driver, name, context);
  },
  'journey.signedOut.passwordReset.resetLinkCheckFailed': async (driver, context) => {
    const name = 'We couldn’t check your link';
    await expectCard(
      driver,
      heading(name),
      ...problemOf(context),
      button('Send a new link', true),
      button('Try again', true),
    );
    await expectFocusOnStep(driver, name, context);
  },
  'journey.signedOut.passwordReset.newPassword': async (driver, context) => {
    const focused = context.problem === 'passwordsDiffer' ? 'Confirm new password' : 'New password';
    await expectCard(driver, ...newPasswordStep(context, false));
    await expectEditable(driver, 'New password');
    await expectEditable(driver, 'Confirm new password');
    await expectFocusOnStep(driver, 'Choose a new password', context, focused);
  },
  'journey.signedOut.passwordReset.resettingPassword': async (driver, context) => {
    await expectCard(driver, ...newPasswordStep(context, true));
  },
  'journey.signedOut.startingSso': async (driver, context) => {
    await expectCard(
      driver,
      ...methodStep(driver, context, {
        by: 'sso',
        words: 'Connecting to your identity provider…',
        button: 'Connecting…',
      }),
    );
  },
  'journey.signedOut.atProvider': async (driver, context) => {
    // The provider's own page, on its own origin, with the name it knows the user by (their UPN, if any) filled in.
    await expect(headingOf(driver, IDP_NAME)).toBeVisible();
    const knownBy = demoPersonaNamed(context.email)?.upn ?? context.email;
    await expect(driver.page.getByLabel('Email')).toHaveValue(liveEmail(driver, knownBy));
    await expect(driver.page.getByLabel('Password', { exact: true })).toBeFocused();
    await expectProblemAtProvider(driver, context);
  },
  'journey.signingOutAtProvider': async (driver, context) => {
    // Signed out of the app already (its server check saw the session end); the provider's own page asks now.
    await expect(headingOf(driver, IDP_NAME)).toBeVisible();
    await expect(driver.page.getByRole('button', { name: 'Sign out', exact: true })).toBeFocused();
    await expect(driver.page.getByRole('button', { name: 'Stay signed in', exact: true })).toBeEnabled();
    await expectProblemAtProvider(driver, context);
  },
  'journey.signedOut.completingSso': async (driver, context) => {
    await expectCard(driver, heading('Single Sign-On'), ...problemOf(context), status('Signing you in…'));
    // The code and state are gone from the address bar (and so from history) as soon as the journey has them.
    expect(new URL(driver.page.url()).pathname).toBe('/');
  },
  'journey.signedOut.ssoFailed': async (driver, context) => {
    const name = 'Single Sign-On didn’t work';
    // Try again only when the journey kept whom to send back to the provider.
    const tryAgain = context.methods?.sso ? [button('Try again', true)] : [];
    await expectCard(
      driver,
      heading(name),
      ...problemOf(context),
      button('Back to sign in', true),
      ...tryAgain,
    );
    await expectFocusOnStep(driver, name, context);
  },
  'journey.signedOut.signingIn': async (driver, context) => {
    await expectCard(
      driver,
      ...methodStep(driver, context, { by: 'password', words: 'Signing in…', button: 'Signing in…' }),
    );
  },
  'journey.signedOut.lockedOut': async (driver, context) => {
    const name = 'Signing in is paused';
    await expectCard(
      driver,
      heading(name),
      holding('paragraph', [textWith(liveEmail(driver, context.email)), 'time']),
      ...problemOf(context),
      button('Try again', true),
    );
    await expect(driver.page.getByRole('main').locator('time')).toHaveAttribute(
      'datetime',
      /^\d{4}-\d\d-\d\dT/,
    );
    await expectFocusOnStep(driver, name, context);
  },
  'journey.signedIn.licence.unchecked': async (driver, context) => {
    await expectCard(driver, ...licenceStep(context, false));
    // Focus is on the heading when the licence appears, or stays on the box the user just unchecked.
    await expect(driver.page.locator('h1:focus, input[type="checkbox"]:focus')).toHaveCount(1);
  },
  'journey.signedIn.licence.checked': async (driver, context) => {
    await expectCard(driver, ...licenceStep(context, true));
  },
  'journey.signedIn.acceptingLicence': async (driver, context) => {
    await expectCard(driver, ...licenceStep(context, true, 'Saving your acceptance…'));
  },
  'journey.signedIn.permissions.offered': async (driver, context) => {
    await expectPermissionsStep(driver, context, false);
    if (context.problem)
      await expect(
        driver.page.getByRole('button', { name: 'Allow notifications', exact: true }),
      ).toBeFocused();
    else await expect(headingOf(driver, permissionsHeading)).toBeFocused();
  },
  'journey.signedIn.permissions.asking': async (driver, context) => {
    await expectPermissionsStep(driver, context, true);
  },
  'journey.signedIn.home.menuClosed': async (driver, context) => {
    await expectHome(driver, context, 'closed');
    const accountMenu = driver.page.getByRole('button', { name: 'Account menu' });
    await expect(driver.page.getByRole('menuitem', { name: 'Logout' })).toBeHidden();
    // Focus is on the heading when the home opens, and back on the avatar after the menu closed or a logout failed.
    if (context.problem) await expect(accountMenu).toBeFocused();
    else await expect(driver.page.locator('h1:focus, button[aria-haspopup]:focus')).toHaveCount(1);
  },
  'journey.signedIn.home.menuOpen': async (driver, context) => {
    await expectHome(driver, context, 'open');
    await expect(driver.page.getByRole('menuitem', { name: 'Logout' })).toBeFocused();
  },
  'journey.signedIn.signingOut': async (driver, context) => {
    if (context.session?.licenceAccepted) await expectHome(driver, context, 'signingOut');
    else await expectCard(driver, ...licenceStep(context, false, 'Signing out…'));
  },
};
