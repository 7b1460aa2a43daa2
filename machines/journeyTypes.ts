// The data the journey carries and the events it understands: shared by the machine, the UI and the tests.

export type InboxCounts = {
  missedCalls: number;
  unreadMessages: number;
  meetingInvitations: number;
};

/** What can arrive for a user: a missed call, a message, a meeting invitation. */
export type DeliveryKind = 'missedCall' | 'message' | 'meetingInvitation';

/** An item that arrived while the user is signed in, as their open page hears of it: what, and the counts now. */
export type LiveDelivery = { kind: DeliveryKind; summary: string; inbox: InboxCounts };

/** A customer account as the user sees it: its name and the number from the welcome email. */
export type AccountView = { name: string; number: string };

/** What a signed-in browser may know about its user: never raw database rows. */
export type SessionView = {
  user: { name: string; email: string };
  account: AccountView;
  inbox: InboxCounts;
  licenceAccepted: boolean;
  /** The last delivery the counts include, where the server said so: the page's live channel goes on from it. */
  liveFrom?: number;
};

/** The answer to "is this browser signed in?": `expired` when it was, and its session ran out. */
export type SessionCheck = { session: SessionView | null; expired: boolean };

/** How the user's account lets them sign in: through its identity provider, with a password, or both. */
export type SignInMethods = { sso: boolean; password: boolean };

/** What the server says about an email (and account number): which step comes next. */
export type Identification = { next: 'accountNumber' } | { next: 'method'; methods: SignInMethods };

export type IdentifyInput = { email: string; accountNumber: string | null };

export type Credentials = { email: string; password: string; accountNumber: string | null };

/** Where the server sends the browser to sign in at the account's identity provider. */
export type SsoRedirect = { url: string };

/**
 * What the identity provider sent back to the callback page: a code to redeem (the whole query goes to the
 * server, which checks it), or the provider's refusal (the user cancelled, or it would not sign them in).
 */
export type ProviderReply = { kind: 'code'; query: string } | { kind: 'refused'; error: string };

/**
 * What the server says once the app's session has ended: nothing more to do, or a visit to the identity provider
 * to end the session there too (the account's administrator turned it on), with the state it will send back; or
 * that the visit could not be prepared (the provider did not answer), so the user may still be signed in there.
 */
export type SignOutAnswer = {
  providerSignOut: { url: string; state: string } | 'failed' | null;
};

/** What the journey keeps across the visit to sign out at the provider: the state it must come back with, and the notice the welcome will say. */
export type SignOutTrip = { state: string; notice: NoticeCode | null };

/** What the journey keeps across the trip to the provider, to carry on where it left off. */
export type ResumedSignIn = { email: string; accountNumber: string | null; methods: SignInMethods };

/** Why a server step failed, as the actors report it. */
export type FailureCode =
  | 'invalidCredentials'
  | 'accountNumberMismatch'
  | 'lockedOut'
  | 'rateLimited'
  | 'ssoFailed'
  | 'resetLinkInvalid'
  | 'passwordTooCommon'
  | 'unavailable';

/** Every problem the journey can show, each with one message in components/messages.ts. */
export type ProblemCode =
  | 'invalidEmail'
  | 'invalidAccountNumber'
  | 'passwordRequired'
  | 'passwordTooShort'
  | 'passwordsDiffer'
  | 'signOutFailed'
  | FailureCode;

/**
 * What this browser answered when the app asked to notify it: the browser's prompt granted, denied or dismissed,
 * or Not now on the app's own screen. Null until asked: the first sign-in on a browser asks (SPEC step 8).
 */
export type NotificationChoice = 'granted' | 'denied' | 'dismissed' | 'notNow';

/** What the browser's own prompt answered; `dismissed` is its "default": closed without a choice. */
export type PermissionAnswer = Exclude<NotificationChoice, 'notNow'>;

/** A one-time notice on the welcome screen. */
export type NoticeCode =
  | 'signedOut'
  | 'sessionExpired'
  | 'licenceDeclined'
  | 'passwordChanged'
  | 'providerSignOutFailed';

export type JourneyContext = {
  email: string;
  accountNumber: string | null;
  /** What the method screen offers, once the server said. */
  methods: SignInMethods | null;
  /** The token of the reset link the user opened, while the journey resets the password with it. */
  resetToken: string | null;
  /** When a locked email may try again (ISO time), while the journey shows the lockout. */
  retryAt: string | null;
  session: SessionView | null;
  problem: ProblemCode | null;
  /** How many problems were shown so far: the same problem shown again is a new one to focus and announce. */
  problemsShown: number;
  notice: NoticeCode | null;
  /** This browser's answer to notifications, kept by the browser across sign-ins and users (never forgotten here). */
  notifications: NotificationChoice | null;
  /** The last item that arrived while this page was open, as screen readers are told it. */
  announcement: string | null;
  /** The last item the page asked the system to show as a notification (where the browser allowed them). */
  systemNotification: string | null;
};

/** Reads what the live channel sent: a delivery of a known kind with its counts, or null for anything else. */
export function liveDeliveryFrom(data: unknown): LiveDelivery | null {
  const { kind, summary, inbox } = (data ?? {}) as Partial<LiveDelivery>;
  const kinds: readonly DeliveryKind[] = ['missedCall', 'message', 'meetingInvitation'];
  const isCount = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;
  if (!kinds.includes(kind as DeliveryKind) || typeof summary !== 'string' || summary.length > 200)
    return null;
  if (!inbox || ![inbox.missedCalls, inbox.unreadMessages, inbox.meetingInvitations].every(isCount))
    return null;
  const { missedCalls, unreadMessages, meetingInvitations } = inbox;
  return { kind: kind as DeliveryKind, summary, inbox: { missedCalls, unreadMessages, meetingInvitations } };
}

/** What the browser tells the journey as it starts: what it kept from earlier visits. */
export type JourneyInput = { notifications?: NotificationChoice | null } | undefined;

export type JourneyEvent =
  | { type: 'SIGN_IN' }
  | { type: 'SUBMIT_EMAIL'; email: string }
  | { type: 'SUBMIT_ACCOUNT_NUMBER'; accountNumber: string }
  | { type: 'SUBMIT_PASSWORD'; password: string }
  | { type: 'START_SSO' }
  | { type: 'FORGOT_PASSWORD' }
  | { type: 'SUBMIT_RESET_REQUEST'; email: string }
  | { type: 'RESET_LINK_OPENED'; token: string }
  | { type: 'SUBMIT_NEW_PASSWORD'; password: string; confirmation: string }
  | { type: 'REQUEST_NEW_LINK' }
  | { type: 'PROVIDER_RETURNED'; reply: ProviderReply; resumed: ResumedSignIn | null }
  /** Back from signing out at the provider: whether it sent back the state the trip kept, and the trip's notice. */
  | { type: 'PROVIDER_SIGNED_OUT'; confirmed: boolean; notice: NoticeCode | null }
  | { type: 'CHANGE_EMAIL' }
  | { type: 'BACK' }
  | { type: 'RETRY' }
  | { type: 'CHECK_LICENCE_BOX' }
  | { type: 'UNCHECK_LICENCE_BOX' }
  | { type: 'CONFIRM_LICENCE' }
  | { type: 'DECLINE_LICENCE' }
  | { type: 'ALLOW_NOTIFICATIONS' }
  | { type: 'SKIP_NOTIFICATIONS' }
  | { type: 'OPEN_MENU' }
  | { type: 'CLOSE_MENU' }
  | { type: 'LOGOUT' }
  | { type: 'SIGNED_OUT_ELSEWHERE' }
  | { type: 'DELIVERY_ARRIVED'; delivery: LiveDelivery }
  | { type: 'RELOAD' };

/** The error an actor throws so that the machine can tell failures apart. */
export class JourneyFailure extends Error {
  constructor(
    readonly code: FailureCode,
    readonly retryAt: string | null = null,
  ) {
    super(code);
    this.name = 'JourneyFailure';
  }
}

const failureCodes: readonly FailureCode[] = [
  'invalidCredentials',
  'accountNumberMismatch',
  'lockedOut',
  'rateLimited',
  'ssoFailed',
  'resetLinkInvalid',
  'passwordTooCommon',
  'unavailable',
];

/** Anything an actor rejected with that is not a known failure counts as the service being unavailable. */
export function failureCodeOf(error: unknown): FailureCode {
  const code = (error as { code?: unknown } | null)?.code;
  return failureCodes.includes(code as FailureCode) ? (code as FailureCode) : 'unavailable';
}

/** The time a failure says to try again at, if it says one. */
export function retryAtOf(error: unknown): string | null {
  const retryAt = (error as { retryAt?: unknown } | null)?.retryAt;
  return typeof retryAt === 'string' ? retryAt : null;
}

// Deliberately loose: one "@", something on each side, a dot in the domain; the server has the last word.
const EMAIL_FORMAT = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const EMAIL_MAX_LENGTH = 254;

export function isEmailFormat(value: string): boolean {
  return value.length <= EMAIL_MAX_LENGTH && EMAIL_FORMAT.test(value);
}

/** Account numbers in welcome emails are 4 to 12 digits. */
export const ACCOUNT_NUMBER_FORMAT = /^\d{4,12}$/;

export function isAccountNumberFormat(value: string): boolean {
  return ACCOUNT_NUMBER_FORMAT.test(value);
}

/** The longest callback query the browser passes on; a provider's real answer is far shorter. */
export const PROVIDER_QUERY_MAX_LENGTH = 4096;

/** Reads the provider's answer from the callback page's query; a malformed one counts as a refusal. */
export function providerReplyFrom(query: string): ProviderReply {
  const params = new URLSearchParams(query);
  const error = params.get('error');
  if (error !== null) return { kind: 'refused', error: error.slice(0, 64) };
  if (query.length > PROVIDER_QUERY_MAX_LENGTH || !params.get('code') || !params.get('state')) {
    return { kind: 'refused', error: 'invalid_response' };
  }
  return { kind: 'code', query: query.replace(/^\?/, '') };
}

/** ASVS 5.0 V6.2.1 and V6.2.9: at least 8 characters, up to 128; no rule on which characters. */
export const NEW_PASSWORD_MIN_LENGTH = 8;
export const NEW_PASSWORD_MAX_LENGTH = 128;

/** How long a reset link works (ASVS 5.0 V6.4.3), as the mail and the screens say. */
export const RESET_LINK_TTL_MINUTES = 30;

/** A reset token as the server makes them (better-auth: 24 letters and digits); anything else is no token. */
export const RESET_TOKEN_FORMAT = /^[A-Za-z0-9_-]{16,128}$/;
