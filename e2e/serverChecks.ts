// What the server keeps, checked after each step that changes it, through a second channel as another client or an
// operator would see it: the session cookie or bearer token replayed from another client, the licence as another
// client reads it, the mailbox, the database read by the test worker. Beside the states table (what the user sees).
import { expect } from '@playwright/test';
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import type { SessionView } from '@/machines/journeyTypes';
import { demoSamples } from '@/paths/demoWorld';
import { codeOf } from '@/paths/describe';
import { newPassword, strangerPassword } from '@/paths/samples';
import { memoryOf } from '@/paths/serverMemory';
import { demoPersonaNamed } from '@/server/demoData';
import { fromAnotherClient } from './anotherClient';
import { type Driver, liveAccountNumber, liveEmail, liveEmailOf } from './driver';
import { liveSessionsOf, openSessionElsewhere, providerRemembers, ssoLinksOf } from './serverState';

/** A step as the server sees it: the snapshots before and after its event. */
export type CheckedStep = {
  driver: Driver;
  event: EventObject;
  before: AnyMachineSnapshot;
  after: AnyMachineSnapshot;
};

/** What is noted before the step's event (a session token about to end), then checked once the state is drawn. */
type ServerCheck = {
  note?: (step: CheckedStep) => Promise<unknown>;
  check: (step: CheckedStep, noted: unknown) => Promise<void>;
};
/** A step whose answer leaves the server as it was, for a client to see: why, in a few words. */
type Unchanged = { unchanged: string };

type SessionCookie = { name: string; value: string };

/** The session cookie this browser holds (its name carries `__Secure-` under https), or null. */
async function sessionCookieOf({ context }: Driver): Promise<SessionCookie | null> {
  const cookie = (await context.cookies()).find((candidate) => candidate.name.endsWith('session_token'));
  return cookie ? { name: cookie.name, value: cookie.value } : null;
}

async function heldSessionCookie(driver: Driver, why: string): Promise<SessionCookie> {
  const cookie = await sessionCookieOf(driver);
  if (!cookie) throw new Error(`${why}, yet this browser holds no session cookie`);
  return cookie;
}

type SessionSeen = { user: { email: string }; account: { number: string }; licenceAccepted: boolean } | null;

/** The session a cookie opens for another client: its token as a bearer token (the mobile app), and the cookie. */
async function sessionsOpenedBy({ name, value }: SessionCookie): Promise<SessionSeen[]> {
  const byBearer = await fromAnotherClient('/api/session', { bearer: decodeURIComponent(value) });
  const byCookie = await fromAnotherClient('/api/session', { cookie: `${name}=${value}` });
  return [byBearer, byCookie].map((answer) => answer.body.session as SessionSeen);
}

/** After a sign-out, here or in another tab, or a session run out: what this browser held opens nothing for anyone. */
const sessionEnded: ServerCheck = {
  note: ({ driver }) => heldSessionCookie(driver, 'a session about to end'),
  check: async (_, cookie) => {
    expect(await sessionsOpenedBy(cookie as SessionCookie), 'the ended session, replayed').toEqual([
      null,
      null,
    ]);
  },
};

/** A new session belongs to the user who identified, in the account they chose, for every client. */
const sessionOpened: ServerCheck = {
  check: async ({ driver, before, after }) => {
    const expected = after.context.session;
    if (!expected) throw new Error('a sign-in without a session in the machine');
    for (const session of await sessionsOpenedBy(await heldSessionCookie(driver, 'signed in'))) {
      expect(session?.user.email, 'whose session the server opened').toBe(
        liveEmailOf(driver, before.context.email),
      );
      expect(session?.account.number, 'in which account').toBe(
        liveAccountNumber(driver, expected.account.number),
      );
    }
  },
};

/** Whether the licence is recorded, as every client of this session reads it. */
const licenceRecorded = (recorded: boolean): ServerCheck => ({
  check: async ({ driver }) => {
    for (const session of await sessionsOpenedBy(await heldSessionCookie(driver, 'signed in')))
      expect(session?.licenceAccepted, 'the licence, as another client reads it').toBe(recorded);
  },
});

/** The person's password as the server held it then: their own, or the new one a reset on the path set. */
function passwordAt(snapshot: AnyMachineSnapshot, email: string): string | null {
  if (memoryOf(snapshot).passwordChanged.includes(email)) return newPassword;
  return demoPersonaNamed(email)?.password ?? null;
}

/** A sign-in from another browser, in the person's first account (someone in several must name one). */
function signInFromAnotherClient(driver: Driver, email: string, password: string) {
  const account = demoPersonaNamed(email)?.accounts[0];
  return fromAnotherClient('/api/session', {
    method: 'POST',
    body: {
      email: liveEmail(driver, email),
      password,
      accountNumber: account ? liveAccountNumber(driver, account) : null,
    },
  });
}

const errorCodeOf = (answer: { body: Record<string, unknown> }) =>
  (answer.body.error as { code?: string })?.code;

/** The people an SSO trip could have signed in: the user who identified, and whoever else signed in at the provider. */
function peopleOfTrip({ driver, before }: CheckedStep): string[] {
  const impostor = memoryOf(before).providerImpostor;
  const emails = [before.context.email, ...(impostor ? [impostor.email] : [])];
  return [...new Set(emails.map((email) => liveEmailOf(driver, email)))];
}

const sessionsAndLinksOf = (people: string[]) =>
  Promise.all(
    people.map(async (email) => ({
      email,
      sessions: await liveSessionsOf(email),
      links: await ssoLinksOf(email),
    })),
  );

/** The provider ended its own session: a silent sign-in from this browser gets no code. */
async function providerForgot({ driver }: CheckedStep) {
  expect(await providerRemembers(driver), 'the provider, after its sign-out').toBe(false);
}

/** The server's own record of each step that changes what it keeps; an entry for every answer the machine takes. */
export const serverChecks: Record<string, ServerCheck | Unchanged> = {
  'xstate.done.actor.loadSession': {
    // A session run out is dead for every client, not only for this page.
    note: async ({ driver, event }) =>
      (event as { output?: { expired?: boolean } }).output?.expired
        ? heldSessionCookie(driver, 'a session said to have run out')
        : null,
    check: async (step, cookie) => {
      if (cookie) await sessionEnded.check(step, cookie);
    },
  },
  'xstate.error.actor.loadSession': { unchanged: 'the network failed: the server was never asked' },
  'xstate.done.actor.identify': { unchanged: 'identifying reads; it keeps nothing' },
  'xstate.error.actor.identify': { unchanged: "a used-up limit is this client's alone, for the minute" },
  'xstate.done.actor.checkAccountNumber': { unchanged: 'checking the number reads; it keeps nothing' },
  'xstate.error.actor.checkAccountNumber': { unchanged: 'a wrong number is refused; nothing is kept' },
  'xstate.done.actor.signIn': sessionOpened,
  'xstate.error.actor.signIn': {
    // Locked: the right password is refused from any client, until the lockout ends.
    check: async ({ driver, event, before }) => {
      if (codeOf(event) !== 'lockedOut') return;
      const { email } = before.context;
      const answer = await signInFromAnotherClient(
        driver,
        email,
        passwordAt(before, email) ?? strangerPassword,
      );
      expect(errorCodeOf(answer), 'the right password from another client').toBe('LOCKED_OUT');
    },
  },
  'xstate.done.actor.acceptLicence': licenceRecorded(true),
  'xstate.error.actor.acceptLicence': licenceRecorded(false),
  'xstate.done.actor.signOut': sessionEnded,
  'xstate.error.actor.signOut': {
    note: ({ driver }) => heldSessionCookie(driver, 'a sign-out that never reached the server'),
    check: async (_, cookie) => {
      for (const session of await sessionsOpenedBy(cookie as SessionCookie))
        expect(session, 'a session whose sign-out never reached the server').not.toBeNull();
    },
  },
  SIGNED_OUT_ELSEWHERE: {
    // The session ended for everyone; where the other tab went on to the provider, the provider's ended too.
    note: sessionEnded.note,
    check: async (step, cookie) => {
      await sessionEnded.check(step, cookie);
      if (memoryOf(step.before).signsOutAtProvider) await providerForgot(step);
    },
  },
  PROVIDER_SIGNED_OUT: {
    note: async ({ driver }) => {
      expect(await providerRemembers(driver), 'the provider, before its sign-out').toBe(true);
    },
    check: providerForgot,
  },
  'xstate.done.actor.startSso': { unchanged: 'the trip it keeps is checked when the provider answers' },
  'xstate.error.actor.startSso': { unchanged: 'no trip was started' },
  'xstate.done.actor.completeSso': sessionOpened,
  'xstate.error.actor.completeSso': {
    // A refused SSO sign-in opens no session and links nobody to the provider's person, whoever signed in there.
    note: (step) => sessionsAndLinksOf(peopleOfTrip(step)),
    check: async (step, noted) => {
      const now = await sessionsAndLinksOf(peopleOfTrip(step));
      expect(now, 'sessions and provider links of the people on a refused trip').toEqual(noted);
    },
  },
  'xstate.done.actor.requestReset': {
    // A person who may have a password gets a mail with a link; anyone else gets the same answer and no mail.
    note: async ({ driver, before }) => driver.mail.countTo(liveEmailOf(driver, before.context.email)),
    check: async ({ driver, before }, count) => {
      const { email } = before.context;
      if (demoSamples.getsResetMail(email))
        await driver.mail.waitForResetLinkAfter(liveEmailOf(driver, email), count as number);
    },
  },
  'xstate.error.actor.requestReset': { unchanged: "a used-up limit is this client's alone, for the minute" },
  'xstate.done.actor.checkResetLink': { unchanged: 'checking the link reads it; the link still works' },
  'xstate.error.actor.checkResetLink': { unchanged: 'the link had run out, or the server was never asked' },
  'xstate.done.actor.resetPassword': {
    // A session on another device, then the reset: it ends, the link is used up, only the new password works.
    note: async ({ driver, before }) => {
      const owner = memoryOf(before).resetLinkOf;
      if (!owner) throw new Error('a new password without a reset link');
      await openSessionElsewhere(liveEmailOf(driver, owner));
      return { owner, token: driver.mail.currentToken };
    },
    check: async ({ driver, before, after }, noted) => {
      const { owner, token } = noted as { owner: string; token: string };
      expect(await liveSessionsOf(liveEmailOf(driver, owner)), 'sessions left after the reset').toBe(0);
      const link = await fromAnotherClient('/api/password-reset/check', { method: 'POST', body: { token } });
      expect(errorCodeOf(link), 'the used link').toBe('RESET_LINK_INVALID');
      const [old, changed] = [passwordAt(before, owner), passwordAt(after, owner)];
      if (old && old !== changed) {
        const withOld = await signInFromAnotherClient(driver, owner, old);
        expect(errorCodeOf(withOld), 'the old password').toBe('INVALID_CREDENTIALS');
      }
      const withNew = await signInFromAnotherClient(driver, owner, changed ?? newPassword);
      expect(withNew.status, 'the new password').toBe(200);
    },
  },
  'xstate.error.actor.resetPassword': { unchanged: 'the link had run out, or the server was never asked' },
  DELIVERY_ARRIVED: {
    // The item waits on the server for every client: another one, with this session's token, sees the new counts.
    check: async ({ driver, after }) => {
      const cookie = await heldSessionCookie(driver, 'a delivery to a signed-in page');
      const answer = await fromAnotherClient('/api/session', { bearer: decodeURIComponent(cookie.value) });
      expect((answer.body.session as SessionView | null)?.inbox, 'the counts another client sees').toEqual(
        after.context.session?.inbox,
      );
    },
  },
  'xstate.done.actor.askNotificationPermission': {
    unchanged: "the push key is read, no more; the answer is the browser's, which the home checks",
  },
  'xstate.error.actor.askNotificationPermission': { unchanged: 'the server was never reached' },
};
