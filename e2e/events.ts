import { randomUUID } from 'node:crypto';
import { test } from '@playwright/test';
import type { EventObject } from 'xstate';
import type { JourneyContext, JourneyEvent, PermissionAnswer, SignOutAnswer } from '@/machines/journeyTypes';
import { codeOf, howOf, type OpeningEvent } from '@/paths/describe';
import { ownPassword, stateChanged } from '@/paths/samples';
import type { ProviderImpostor } from '@/paths/serverMemory';
import { type DemoAccount, type DemoUser, demoAccounts, demoPersonaNamed } from '@/server/demoData';
import { type Driver, liveAccountNumber, liveEmail, liveEmailOf } from './driver';
import { pressWithKeyboard, tabTo, typeWithKeyboard } from './keyboard';
import { answerNotificationPrompt } from './notificationPrompt';
import {
  addProviderPerson,
  deliverItem,
  expireResetLink,
  expireSessionsOf,
  lockEmail,
  startProviderOf,
  stopProviderOf,
} from './serverState';

type EventOf<T extends JourneyEvent['type']> = Extract<JourneyEvent, { type: T }>;
/** Does an event; `before` is the machine's context before it, for steps that depend on who is signed in. */
type Perform = (driver: Driver, event: EventObject, before: JourneyContext) => Promise<void>;

type UserEventTable = {
  [T in JourneyEvent['type']]: (driver: Driver, event: EventOf<T>, before: JourneyContext) => Promise<void>;
};

/** A held server call ends: the real server answers, or, for a sampled network failure, the connection drops. */
const serverStep: Perform = async ({ server }, event) => {
  if (codeOf(event) === 'unavailable') await server.failNetwork();
  else await server.answer();
};

/** The demo persona a sampled name (email or UPN) stands for, with their secrets: the samples never hold those. */
function personaOf(name: string): DemoUser {
  const persona = demoPersonaNamed(name);
  if (!persona) throw new Error(`${name} is no demo persona`);
  return persona;
}

/** The sign-in's answer; for a "locked out" outcome the email is first locked on the server. */
const signInStep: Perform = async (driver, event, before) => {
  if (codeOf(event) === 'lockedOut') await lockEmail(liveEmailOf(driver, before.email));
  await serverStep(driver, event, before);
};

/** A password for the people the tests add at the provider (never a demo persona's). */
const impostorPassword = 'Someone-else-pass-1';

/**
 * Someone other than the user at the provider, and how they sign in there: a persona of the path with a person
 * of their own at the provider signs in as that person; anyone else is added to the provider first (an
 * unverified email as a person of its own, beside the user's verified one).
 */
async function impostorAtProvider(driver: Driver, { signedInAs, email }: ProviderImpostor) {
  const live = liveEmail(driver, email);
  const verified = signedInAs !== 'an unverified email';
  const { idpPassword } = personaOf(email);
  if (verified && idpPassword) return { email: live, password: idpPassword };
  await addProviderPerson({
    email: live,
    name: 'Someone Else',
    password: impostorPassword,
    emailVerified: verified,
  });
  return { email: live, password: impostorPassword };
}

const baseUrlOf = () => test.info().project.use.baseURL as string;

/**
 * The browser's context outlives a path (e2e/fixtures.ts), so its connections to the server may have sat idle past
 * the server's keep-alive: a request sent as the server closes one meets a reset, and was never read. Once more.
 */
export const onIdleConnectionReset = { maxRetries: 1 };

/** A request to the app's API from this browser (its cookies, its address), as the page itself would send it. */
async function callApi(driver: Driver, path: string, data: object) {
  const origin = new URL(baseUrlOf()).origin;
  return driver.context.request.post(path, { headers: { origin }, data, ...onIdleConnectionReset });
}

/**
 * Opens the app. Where the path says the browser kept a session from an earlier visit, that visit signed in
 * first (through the sign-in API, as the journey does), and its time may have run out since.
 */
const openTheApp: Perform = async (driver, event) => {
  const { email, session } = event as OpeningEvent;
  if (session === 'forged') {
    // A cookie of the session's name and form that the server never issued.
    const { SESSION_COOKIE_PREFIX } = await import('@/server/auth');
    await driver.context.addCookies([
      {
        name: `${SESSION_COOKIE_PREFIX}.session_token`,
        value: `${randomUUID()}.${randomUUID()}`,
        url: baseUrlOf(),
      },
    ]);
  } else if (email) {
    const live = liveEmail(driver, email);
    const { password } = personaOf(email);
    const signedIn = await callApi(driver, '/api/session', {
      email: live,
      password,
      accountNumber: null,
    });
    if (!signedIn.ok()) throw new Error(`the earlier visit could not sign ${live} in: ${signedIn.status()}`);
    if (session === 'expired') await expireSessionsOf(live);
    if (session === 'loggedOut') {
      // The earlier visit logged out; the cookie it held is put back, as a thief replaying it would.
      const [cookie] = (await driver.context.cookies()).filter(({ name }) => name.endsWith('session_token'));
      const loggedOut = await driver.context.request.delete('/api/session', {
        headers: { origin: new URL(baseUrlOf()).origin },
        ...onIdleConnectionReset,
      });
      if (!loggedOut.ok() || !cookie) throw new Error(`the earlier visit of ${live} could not log out`);
      await driver.context.addCookies([cookie]);
    }
  }
  await driver.page.goto('/');
};

/** A step's answer; for a "rate limited" outcome this client first uses up its requests to that API. */
const rateLimitedStep =
  (limit: 'identify' | 'resetRequest', path: string): Perform =>
  async (driver, event, before) => {
    if (codeOf(event) === 'rateLimited') {
      const { rateLimits } = await import('@/server/rateLimit');
      for (let request = 0; request < rateLimits[limit].perMinute; request += 1) {
        await callApi(driver, path, { email: 'someone@acme.test' });
      }
    }
    await serverStep(driver, event, before);
  };

/** A reset step's answer; for a "link invalid" outcome the link opened has run out on the server first. */
const resetLinkStep: Perform = async (driver, event, before) => {
  if (codeOf(event) === 'resetLinkInvalid') await expireResetLink(driver.mail.currentToken);
  await serverStep(driver, event, before);
};

/** The session check after a reload; for an "expired" outcome the session's time first runs out on the server. */
const sessionCheckStep: Perform = async (driver, event, before) => {
  const expired = (event as { output?: { expired?: boolean } }).output?.expired;
  if (expired && before.session) await expireSessionsOf(liveEmail(driver, before.session.user.email));
  await serverStep(driver, event, before);
};

/**
 * The trip to the provider starts, or fails to: for an "SSO failed" outcome the account's provider is stopped
 * first; for a trip that starts, it is up (started again where an earlier step of the path stopped it).
 */
const startSsoStep: Perform = async (driver, event, before) => {
  if (codeOf(event) !== 'unavailable') {
    const number = before.accountNumber ?? personaOf(before.email).accounts[0];
    if (!number) throw new Error(`no SSO account for ${before.email}`);
    const provider = codeOf(event) === 'ssoFailed' ? stopProviderOf : startProviderOf;
    await provider(liveAccountNumber(driver, number));
  }
  await serverStep(driver, event, before);
};

/**
 * The provider's answer reaches the server; for the outcome that says so, its state is changed on the way. Whoever
 * else signed in at the provider reaches the server as they are: refusing them is the server's own work.
 */
const completeSsoStep: Perform = async (driver, event, before) => {
  if (howOf(event) !== stateChanged) return serverStep(driver, event, before);
  await driver.server.answerChanged((body) => {
    const query = new URLSearchParams(String(body.query));
    query.set('state', `${query.get('state')}-changed`);
    return { ...body, query: query.toString() };
  });
};

/**
 * The app's session ends, and the browser goes on to the provider where the answer says so; for the outcome where
 * the provider does not answer, the account's provider is stopped first.
 */
const signOutStep: Perform = async (driver, event, before) => {
  const { output } = event as { output?: SignOutAnswer };
  if (output?.providerSignOut === 'failed') {
    const number = before.session?.account.number;
    if (!number) throw new Error('a sign-out at the provider with no one signed in');
    await stopProviderOf(liveAccountNumber(driver, number));
  }
  await serverStep(driver, event, before);
};

/** Back from the provider's sign-out, the state it sends is changed on the way: what a tampering proxy does. */
async function changeStateOnTheWayBack({ page }: Driver) {
  await page.route(
    '**/session/end/confirm',
    async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      const location = new URL(response.headers().location ?? '');
      location.searchParams.set('state', `${location.searchParams.get('state')}-changed`);
      await route.fulfill({ response, headers: { ...response.headers(), location: location.href } });
    },
    { times: 1 },
  );
}

/** The browser's prompt is answered (the app asks it once the server gave what it needs), or the network fails. */
const notificationPromptStep: Perform = async (driver, event, before) => {
  const { output } = event as { output?: PermissionAnswer };
  if (output) await answerNotificationPrompt(driver, output);
  await serverStep(driver, event, before);
};

/** Presses the button of that name as a keyboard-only user does: Tab to it, then Enter. */
const pressButton =
  (name: string) =>
  async ({ page }: Driver) => {
    await pressWithKeyboard(page, page.getByRole('button', { name, exact: true }));
  };

/** Checks or unchecks the licence's box: Tab to it, then Space. */
const toggleLicenceBox = async ({ page }: Driver) => {
  await tabTo(page, page.getByRole('checkbox', { name: 'I accept the End User License Agreement' }));
  await page.keyboard.press('Space');
};

// Users act with the keyboard alone (Tab to reach, Enter or Space to press): every path proves no mouse is needed.
const userEvents: UserEventTable = {
  SIGN_IN: pressButton('SIGN IN'),
  SUBMIT_EMAIL: async (driver, { email }) => {
    const { page } = driver;
    const field = page.getByRole('textbox', { name: 'Email or User Principal Name' });
    await typeWithKeyboard(page, field, liveEmail(driver, email));
    await pressWithKeyboard(page, page.getByRole('button', { name: 'Next' }));
  },
  SUBMIT_ACCOUNT_NUMBER: async (driver, { accountNumber }) => {
    const { page } = driver;
    const field = page.getByRole('textbox', { name: 'Account number' });
    await typeWithKeyboard(page, field, liveAccountNumber(driver, accountNumber));
    await pressWithKeyboard(page, page.getByRole('button', { name: 'Next' }));
  },
  SUBMIT_PASSWORD: async ({ page }, { password }, before) => {
    const typed = password === ownPassword ? personaOf(before.email).password : password;
    if (typed === null) throw new Error(`${before.email} has no password of their own`);
    await typeWithKeyboard(page, page.getByLabel('Password', { exact: true }), typed);
    // Enter in the field submits the form.
    await page.keyboard.press('Enter');
  },
  START_SSO: pressButton('Single Sign On'),
  // On the provider's own page: the person signs in there (their password at the provider) or cancels; or someone
  // else signs in there instead (the name the app sent replaced by theirs).
  PROVIDER_RETURNED: async (driver, event, before) => {
    const { page } = driver;
    if (event.reply.kind === 'refused') {
      await pressWithKeyboard(page, page.getByRole('button', { name: 'Cancel', exact: true }));
      return;
    }
    const impostor = event as typeof event & Partial<ProviderImpostor>;
    const { email, password } = impostor.signedInAs
      ? await impostorAtProvider(driver, impostor as ProviderImpostor)
      : { email: null, password: personaOf(before.email).idpPassword };
    if (!password) throw new Error(`${before.email} has no password at the provider`);
    if (email) await typeWithKeyboard(page, page.getByLabel('Email', { exact: true }), email);
    await typeWithKeyboard(page, page.getByLabel('Password', { exact: true }), password);
    await page.keyboard.press('Enter');
  },
  // On the provider's own page, the person signs out there too; the way back may be tampered with.
  PROVIDER_SIGNED_OUT: async (driver, { confirmed }) => {
    if (!confirmed) await changeStateOnTheWayBack(driver);
    await pressWithKeyboard(driver.page, driver.page.getByRole('button', { name: 'Sign out', exact: true }));
  },
  FORGOT_PASSWORD: pressButton('Forgot password?'),
  SUBMIT_RESET_REQUEST: async (driver, { email }) => {
    const { page } = driver;
    await typeWithKeyboard(
      page,
      page.getByRole('textbox', { name: 'Email', exact: true }),
      liveEmail(driver, email),
    );
    await pressWithKeyboard(page, page.getByRole('button', { name: 'Send reset link' }));
  },
  // The user opens the link in a mail that really went through SMTP: the reset page loads in this tab. The mail
  // this screen told of; or, as the app opens, one asked for earlier (through the API the form calls): the first
  // of this person's links the path has not opened yet.
  RESET_LINK_OPENED: async (driver, event, before) => {
    const { email } = event as { email?: string };
    const mailedTo = liveEmailOf(driver, email ?? before.email);
    if (email) {
      const asked = await callApi(driver, '/api/password-reset/request', { email: mailedTo });
      if (!asked.ok()) throw new Error(`the earlier reset request for ${mailedTo} failed: ${asked.status()}`);
    }
    await driver.page.goto(await driver.mail.nextResetLink(mailedTo));
  },
  SUBMIT_NEW_PASSWORD: async ({ page }, { password, confirmation }) => {
    await typeWithKeyboard(page, page.getByLabel('New password', { exact: true }), password);
    await typeWithKeyboard(page, page.getByLabel('Confirm new password', { exact: true }), confirmation);
    await page.keyboard.press('Enter');
  },
  REQUEST_NEW_LINK: pressButton('Send a new link'),
  CHANGE_EMAIL: pressButton('Change'),
  // "Back" on a form step, "Back to sign in" on the SSO error screen.
  BACK: async ({ page }) => {
    await pressWithKeyboard(page, page.getByRole('button', { name: /^Back( to sign in)?$/ }));
  },
  RETRY: pressButton('Try again'),
  CHECK_LICENCE_BOX: toggleLicenceBox,
  UNCHECK_LICENCE_BOX: toggleLicenceBox,
  CONFIRM_LICENCE: pressButton('CONFIRM'),
  DECLINE_LICENCE: pressButton('Decline'),
  ALLOW_NOTIFICATIONS: pressButton('Allow notifications'),
  SKIP_NOTIFICATIONS: pressButton('Not now'),
  OPEN_MENU: pressButton('Account menu'),
  CLOSE_MENU: async ({ page }) => {
    await page.keyboard.press('Escape');
  },
  LOGOUT: async ({ page }) => {
    // Opening the menu put focus on Logout, so this is a single Enter.
    await pressWithKeyboard(page, page.getByRole('menuitem', { name: 'Logout' }));
  },
  SIGNED_OUT_ELSEWHERE: async ({ inOtherTab }, _event, before) => {
    // The same user, in another tab of this browser, signs out there: from the home, or by declining the licence;
    // where their account signs its people out of the provider too, that tab goes there and signs out.
    const number = before.session?.account.number;
    const atProviderToo = Object.values(demoAccounts).some(
      (account: DemoAccount) => account.number === number && account.logoutAtProvider,
    );
    // Keys rather than clicks, and no wait for the load event: that tab is not the one under test, and a click
    // waits for two still frames and moves the mouse, a third of this step's time on the 2-core machine.
    await inOtherTab(async (otherTab) => {
      await otherTab.goto('/', { waitUntil: 'commit' });
      const accountMenu = otherTab.getByRole('button', { name: 'Account menu' });
      const decline = otherTab.getByRole('button', { name: 'Decline' });
      await accountMenu.or(decline).waitFor();
      if (await decline.isVisible()) {
        await decline.press('Enter');
      } else {
        await accountMenu.press('Enter');
        await otherTab.getByRole('menuitem', { name: 'Logout' }).press('Enter');
      }
      // The tab tells this one once the server has ended the session: this tab drawing it is the wait for that.
      // Where it goes on to sign out of the provider too, it is back before the path goes on.
      if (atProviderToo) {
        await otherTab.getByRole('button', { name: 'Sign out', exact: true }).press('Enter');
        await otherTab.getByRole('button', { name: 'SIGN IN' }).waitFor();
      }
    });
  },
  RELOAD: async ({ page }) => {
    await page.reload();
  },
  // Delivered for real on the server; the open page hears of it on its live channel.
  DELIVERY_ARRIVED: async (driver, { delivery }, before) => {
    if (!before.session) throw new Error('a delivery to a page with no one signed in');
    await deliverItem(liveEmail(driver, before.session.user.email), delivery);
  },
};

/** The events table: for every event the machine takes, what the user (or the server) does to cause it. */
export const eventTable: Record<string, Perform> = {
  'xstate.init': openTheApp,
  // The generator hands over events untyped; each entry receives the event of its own type.
  ...(userEvents as unknown as Record<string, Perform>),
  'xstate.done.actor.loadSession': sessionCheckStep,
  'xstate.error.actor.loadSession': serverStep,
  'xstate.done.actor.identify': serverStep,
  'xstate.error.actor.identify': rateLimitedStep('identify', '/api/identify'),
  'xstate.done.actor.checkAccountNumber': serverStep,
  'xstate.error.actor.checkAccountNumber': serverStep,
  'xstate.done.actor.signIn': serverStep,
  'xstate.error.actor.signIn': signInStep,
  'xstate.done.actor.acceptLicence': serverStep,
  'xstate.error.actor.acceptLicence': serverStep,
  'xstate.done.actor.askNotificationPermission': notificationPromptStep,
  'xstate.error.actor.askNotificationPermission': serverStep,
  'xstate.done.actor.signOut': signOutStep,
  'xstate.error.actor.signOut': serverStep,
  'xstate.done.actor.startSso': startSsoStep,
  'xstate.error.actor.startSso': startSsoStep,
  'xstate.done.actor.completeSso': serverStep,
  'xstate.error.actor.completeSso': completeSsoStep,
  'xstate.done.actor.requestReset': serverStep,
  'xstate.error.actor.requestReset': rateLimitedStep('resetRequest', '/api/password-reset/request'),
  'xstate.done.actor.checkResetLink': serverStep,
  'xstate.error.actor.checkResetLink': resetLinkStep,
  'xstate.done.actor.resetPassword': serverStep,
  'xstate.error.actor.resetPassword': resetLinkStep,
};
