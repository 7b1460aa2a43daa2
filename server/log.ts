import 'server-only';
import { clientIp } from './clientIp';
import { requestIdOf } from './requestId';

/** Why a password sign-in failed, for the log: the browser only ever gets the generic answer. */
export type PasswordSignInFailure =
  // The email names nobody. It is not logged: it may be a password typed into the wrong field.
  | 'unknownEmail'
  | 'wrongPassword'
  // Tried while the email is locked: the password was not checked.
  | 'lockedOut'
  // The account enforces SSO: no password is taken, right or wrong.
  | 'passwordNotAllowed'
  | 'accountNumberRequired'
  | 'accountNumberMismatch'
  | 'notInAnyAccount';

/** Why an SSO sign-in failed, for the log; the browser only ever learns that it failed. */
export type SsoFailure =
  | 'notOffered'
  | 'providerUnreachable'
  | 'noLoginInProgress'
  | 'providerRefused'
  | 'rejectedResponse'
  | 'notAUserOfTheAccount';

/** Why a reset link did not set a password. */
export type ResetFailure = 'resetLinkInvalid' | 'passwordTooCommon';

/** The user an email or a link names, or null when it names nobody (the email itself is never logged). */
type UserId = string | null;

/**
 * Every security event, by name, with what its line says besides the time, the request's id and the client's
 * address (ASVS 5.0 V16.2.1). Nothing that opens anything is a field (V16.2.5): no password, token, code, state,
 * cookie, reset link, push endpoint or key, and no email: a user is named by id only.
 */
export type SecurityEvent =
  // V16.3.1: every sign-in and how it ended; a session opened through SSO is a sign-in too.
  | { event: 'sign_in.succeeded'; method: 'password' | 'sso'; userId: string; accountId: string }
  | { event: 'sign_in.failed'; method: 'password'; reason: PasswordSignInFailure; userId: UserId }
  // V16.3.1: a trip to the provider that opened no session, with why; detail is the provider's or our words.
  | { event: 'sso.failed'; reason: SsoFailure; userId: UserId; detail: string }
  // V16.3.1, V16.3.3: a wrong password too many locked the email; how long says which lockout in a row it is.
  | { event: 'lockout.started'; userId: UserId; lockedUntil: string }
  // V16.3.1: a session ended by its user.
  | { event: 'logout'; userId: string }
  // V16.3.1: a logout whose visit to the provider could not be prepared (it did not answer); the app's session ended.
  | { event: 'logout.at_provider_failed'; userId: string; detail: string }
  // V16.3.1: each ask for a reset link writes one of these three; a mail goes out only for "requested" with a user.
  | { event: 'password_reset.requested'; userId: UserId }
  | { event: 'password_reset.throttled'; userId: UserId }
  | { event: 'password_reset.refused_sso_only'; userId: string }
  // V16.3.1: a reset link used, or refused.
  | { event: 'password_reset.done'; userId: string }
  | { event: 'password_reset.failed'; reason: ResetFailure; userId: UserId }
  | { event: 'password_reset.undone_sso_only'; userId: string }
  // V16.3.2: a cookie-carrying change sent from another site's page.
  | { event: 'request.refused'; reason: 'foreignOrigin'; origin: string | null }
  // V16.3.3: what a page's Content-Security-Policy blocked, addresses cut to origin and path.
  | { event: 'csp.violation'; page: string; directive: string; blocked: string };

/** Failures of the server's own work, which nobody is waiting for (ASVS 5.0 V16.3.4). */
export type OperationalEvent =
  | { event: 'after_answer.failed'; error: string }
  | { event: 'mail.not_sent'; reason: string; subject: string }
  | { event: 'mail.failed'; subject: string; error: string }
  | { event: 'push.failed'; service?: string; error: string }
  | { event: 'push.subscription_gone'; service: string; status: number }
  | { event: 'live_deliveries.unreadable'; error: string }
  | { event: 'database.unreachable'; error: string };

/**
 * One line of the server's log: one JSON object (ASVS 5.0 V16.2.4) with its time in UTC (V16.2.2); JSON escapes
 * whatever a client sent, so no value can break the line or start another (V16.4.1).
 */
function writeLine(
  level: 'info' | 'error',
  { event, ...fields }: { event: string; [field: string]: unknown },
) {
  console[level](JSON.stringify({ event, at: new Date().toISOString(), ...fields }));
}

/** Logs a security event of the request these headers came with. */
export function logSecurityEvent(headers: Headers, { event, ...fields }: SecurityEvent): void {
  writeLine('info', { event, requestId: requestIdOf(headers), ip: clientIp(headers), ...fields });
}

/** Logs a failure of work done after, or beside, any request. */
export function logOperationalEvent(operationalEvent: OperationalEvent): void {
  writeLine('error', operationalEvent);
}
