// What the server keeps, checked after each step that changes it, through a second channel as another client or an
// operator would see it: the session cookie or bearer token replayed from another client, the licence as another
// client reads it, the mailbox, the database read by the test worker. Beside the states table, which checks what
// the user sees.
import { expect } from '@playwright/test';
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import { demoSamples } from '@/paths/demoWorld';
import { codeOf } from '@/paths/describe';
import { newPassword, strangerPassword } from '@/paths/samples';
import { memoryOf } from '@/paths/serverMemory';
import { demoUsers } from '@/server/demoData';
import { fromAnotherClient } from './anotherClient';
import { type Driver, liveAccountNumber, liveEmail } from './driver';
import { liveSessionsOf, openSessionElsewhere } from './serverState';

/** A step as the server sees it: the snapshots before and after its event. */
export type ServerStep = {
  driver: Driver;
  event: EventObject;
  before: AnyMachineSnapshot;
  after: AnyMachineSnapshot;
};

/** What is noted before the step's event (a session token about to end), then checked once the state is drawn. */
type ServerCheck = {
  note?: (step: ServerStep) => Promise<unknown>;
  check: (step: ServerStep, noted: unknown) => Promise<void>;
};
/** A step whose answer leaves the server as it was, for a client to see: why, in a few words. */
type Unchanged = { unchanged: string };

/** The session token this browser holds, as the cookie carries it and the mobile app would send it. */
async function sessionTokenOf({ context }: Driver): Promise<string | null> {
  const cookie = (await context.cookies()).find((candidate) => candidate.name.endsWith('session_token'));
  return cookie ? decodeURIComponent(cookie.value) : null;
}

const sessionOf = (answer: { body: Record<string, unknown> }) =>
  answer.body.session as {
    user: { email: string };
    account: { number: string };
    licenceAccepted: boolean;
  } | null;

/** The session a token opens for another client: by bearer token, and by the cookie replayed. */
async function sessionsOpenedBy(token: string) {
  const byBearer = await fromAnotherClient('/api/session', { bearer: token });
  const byCookie = await fromAnotherClient('/api/session', {
    cookie: `relay.session_token=${encodeURIComponent(token)}`,
  });
  return [sessionOf(byBearer), sessionOf(byCookie)];
}

const noteSessionToken = async ({ driver }: ServerStep) => {
  const token = await sessionTokenOf(driver);
  if (!token) throw new Error('this browser holds no session to end');
  return token;
};

/** After a sign-out, here or in another tab: the session this browser held opens nothing for anyone. */
const sessionEnded: ServerCheck = {
  note: noteSessionToken,
  check: async (_, token) => {
    expect(await sessionsOpenedBy(token as string), 'the ended session, replayed').toEqual([null, null]);
  },
};

/** A new session belongs to the user who identified, in the account they chose, for every client. */
const sessionOpened: ServerCheck = {
  check: async ({ driver, before, after }) => {
    const token = await sessionTokenOf(driver);
    if (!token) throw new Error('signed in, yet this browser holds no session cookie');
    const expected = after.context.session;
    if (!expected) throw new Error('a sign-in without a session in the machine');
    for (const session of await sessionsOpenedBy(token)) {
      expect(session?.user.email, 'whose session the server opened').toBe(
        liveEmail(driver, before.context.email),
      );
      expect(session?.account.number, 'in which account').toBe(
        liveAccountNumber(driver, expected.account.number),
      );
    }
  },
};

/** The person's password as the server held it then: their own, or the new one a reset on the path set. */
function passwordAt(snapshot: AnyMachineSnapshot, email: string): string | null {
  if (memoryOf(snapshot).passwordChanged.includes(email)) return newPassword;
  return Object.values(demoUsers).find((candidate) => candidate.email === email)?.password ?? null;
}

const signInFromAnotherClient = (driver: Driver, email: string, password: string) =>
  fromAnotherClient('/api/session', {
    method: 'POST',
    body: { email: liveEmail(driver, email), password, accountNumber: null },
  });

const errorCodeOf = (answer: { body: Record<string, unknown> }) =>
  (answer.body.error as { code?: string })?.code;

/** The server's own record of each step that changes what it keeps; an entry for every answer the machine takes. */
export const serverChecks: Record<string, ServerCheck | Unchanged> = {
  'xstate.done.actor.loadSession': {
    // A session run out is dead for every client, not only for this page.
    note: async ({ driver, event }) =>
      (event as { output?: { expired?: boolean } }).output?.expired ? sessionTokenOf(driver) : null,
    check: async (_, token) => {
      if (token) expect(await sessionsOpenedBy(token as string), 'the expired session').toEqual([null, null]);
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
  'xstate.done.actor.acceptLicence': {
    check: async ({ driver }) => {
      const token = await sessionTokenOf(driver);
      if (!token) throw new Error('signed in, yet this browser holds no session cookie');
      const [byBearer] = await sessionsOpenedBy(token);
      expect(byBearer?.licenceAccepted, 'the licence, as another client reads it').toBe(true);
    },
  },
  'xstate.error.actor.acceptLicence': {
    check: async ({ driver }) => {
      const token = await sessionTokenOf(driver);
      if (!token) throw new Error('signed in, yet this browser holds no session cookie');
      const [byBearer] = await sessionsOpenedBy(token);
      expect(byBearer?.licenceAccepted, 'a licence never confirmed to the server').toBe(false);
    },
  },
  'xstate.done.actor.signOut': sessionEnded,
  'xstate.error.actor.signOut': {
    note: noteSessionToken,
    check: async (_, token) => {
      const [byBearer] = await sessionsOpenedBy(token as string);
      expect(byBearer, 'a session whose sign-out never reached the server').not.toBeNull();
    },
  },
  SIGNED_OUT_ELSEWHERE: sessionEnded,
  'xstate.done.actor.startSso': { unchanged: 'the trip it keeps is checked when the provider answers' },
  'xstate.error.actor.startSso': { unchanged: 'no trip was started' },
  'xstate.done.actor.completeSso': sessionOpened,
  'xstate.error.actor.completeSso': {
    check: async ({ driver }) => {
      const token = await sessionTokenOf(driver);
      if (token) expect(await sessionsOpenedBy(token), 'a refused SSO sign-in').toEqual([null, null]);
    },
  },
  'xstate.done.actor.requestReset': {
    // A person who may have a password gets a mail; anyone else gets the same answer and no mail.
    note: async ({ driver, before }) => driver.mail.countTo(liveEmail(driver, before.context.email)),
    check: async ({ driver, before }, count) => {
      const { email } = before.context;
      if (demoSamples.getsResetMail(email))
        await driver.mail.waitFor(liveEmail(driver, email), (count as number) + 1);
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
      await openSessionElsewhere(liveEmail(driver, owner));
      return { owner, token: driver.mail.currentToken };
    },
    check: async ({ driver, before, after }, noted) => {
      const { owner, token } = noted as { owner: string; token: string };
      expect(await liveSessionsOf(liveEmail(driver, owner)), 'sessions left after the reset').toBe(0);
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
};
