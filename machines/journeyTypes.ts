// The data the journey carries and the events it understands: shared by the machine, the UI and the tests.

export type InboxCounts = {
  missedCalls: number;
  unreadMessages: number;
  meetingInvitations: number;
};

/** What a signed-in browser may know about its user: never raw database rows. */
export type SessionView = {
  user: { name: string; email: string };
  inbox: InboxCounts;
};

export type Credentials = { email: string; password: string };

/** Why a server step failed, as the actors report it. */
export type FailureCode = 'invalidCredentials' | 'unavailable';

/** Every problem the journey can show, each with one message in components/messages.ts. */
export type ProblemCode = 'invalidEmail' | 'passwordRequired' | 'signOutFailed' | FailureCode;

/** A one-time notice on the welcome screen. */
export type NoticeCode = 'signedOut';

export type JourneyContext = {
  email: string;
  session: SessionView | null;
  problem: ProblemCode | null;
  notice: NoticeCode | null;
};

export type JourneyEvent =
  | { type: 'SIGN_IN' }
  | { type: 'SUBMIT_EMAIL'; email: string }
  | { type: 'SUBMIT_PASSWORD'; password: string }
  | { type: 'CHANGE_EMAIL' }
  | { type: 'BACK' }
  | { type: 'RETRY' }
  | { type: 'OPEN_MENU' }
  | { type: 'CLOSE_MENU' }
  | { type: 'LOGOUT' }
  | { type: 'RELOAD' };

export type JourneyEventType = JourneyEvent['type'];

/** The error an actor throws so that the machine can tell failures apart. */
export class JourneyFailure extends Error {
  constructor(readonly code: FailureCode) {
    super(code);
    this.name = 'JourneyFailure';
  }
}

/** Anything an actor rejected with that is not a known failure counts as the service being unavailable. */
export function failureCodeOf(error: unknown): FailureCode {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'invalidCredentials' ? code : 'unavailable';
}

// Deliberately loose: one "@", something on each side, a dot in the domain; the server has the last word.
const EMAIL_FORMAT = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const EMAIL_MAX_LENGTH = 254;

export function isEmailFormat(value: string): boolean {
  return value.length <= EMAIL_MAX_LENGTH && EMAIL_FORMAT.test(value);
}
