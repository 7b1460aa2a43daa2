import 'server-only';
import { isAPIError } from 'better-auth/api';
import { getSessionCookie } from 'better-auth/cookies';
import type { Credentials, SessionCheck, SessionView, SignOutAnswer } from '@/machines/journeyTypes';
import { accountById, type CustomerAccount } from './accounts';
import { auth, SESSION_COOKIE_PREFIX } from './auth';
import { findIdentity } from './identify';
import { inboxCounts, lastDeliveryTo } from './inbox';
import { hasAcceptedLicence } from './licence';
import { lockedUntil, recordFailure, recordSuccess } from './lockout';
import { logSecurityEvent, type PasswordSignInFailure } from './log';
import { closeLiveChannelsOfSession } from './notifications/liveChannels';
import { forgetSubscriptionsOfSession } from './notifications/pushSubscriptions';
import { providerSessionOf, providerSignOut } from './providerSignOut';
import { signInMethodsOf } from './ssoSettings';

type SessionUser = { id: string; name: string; email: string };

export async function viewOf(user: SessionUser, account: CustomerAccount): Promise<SessionView> {
  // Read before the counts: an item delivered between the two is counted and sent again, never lost.
  const liveFrom = await lastDeliveryTo(user.id);
  return {
    user: { name: user.name, email: user.email },
    account: { name: account.name, number: account.number },
    inbox: await inboxCounts(user.id),
    licenceAccepted: await hasAcceptedLicence(user.id),
    liveFrom,
  };
}

/** The live session of a request (cookie or bearer token) with its user and account, or null. */
export async function currentSession(headers: Headers) {
  const found = await auth().api.getSession({ headers, query: { disableCookieCache: true } });
  const accountId = (found?.session as { accountId?: string | null } | undefined)?.accountId;
  const account = accountId ? await accountById(accountId) : undefined;
  if (!found || !account) return null;
  return { user: found.user, account, sessionId: found.session.id };
}

/** The signed-in user's view, or why there is none: a session cookie that no longer opens a session expired. */
export async function checkSession(headers: Headers): Promise<SessionCheck> {
  const current = await currentSession(headers);
  if (current) return { session: await viewOf(current.user, current.account), expired: false };
  return {
    session: null,
    expired: getSessionCookie(headers, { cookiePrefix: SESSION_COOKIE_PREFIX }) !== null,
  };
}

export type SignInResult =
  | { ok: true; view: SessionView; cookies: string[] }
  | { ok: false; reason: 'invalidCredentials' | 'accountNumberMismatch' | 'accountNumberRequired' }
  | { ok: false; reason: 'lockedOut'; retryAt: Date };

/**
 * Checks the password and opens a server-side session in the chosen account. An unknown email, a wrong
 * password and a user outside every account all look the same; the log says which it was.
 */
export async function signInWithPassword(typed: Credentials, headers: Headers): Promise<SignInResult> {
  const identity = await findIdentity(typed.email, typed.accountNumber);
  // A UPN signs in as its user's email: one lockout, one password, whichever name was typed.
  const credentials = { ...typed, email: identity.email };
  const failed = (reason: PasswordSignInFailure) =>
    logSecurityEvent(headers, {
      event: 'sign_in.failed',
      method: 'password',
      reason,
      userId: identity.userId,
    });
  // A locked email is not checked at all: its answer says nothing about the password (docs/security.md).
  const lockedAt = await lockedUntil(credentials.email);
  if (lockedAt) {
    failed('lockedOut');
    return { ok: false, reason: 'lockedOut', retryAt: lockedAt };
  }
  // An account that enforces SSO takes no password at all, right or wrong (its users may still have one).
  if (identity.kind === 'account' && !(await signInMethodsOf(identity.account.id)).password) {
    failed('passwordNotAllowed');
    return { ok: false, reason: 'invalidCredentials' };
  }
  let answer: Awaited<ReturnType<typeof signInEmail>>;
  try {
    answer = await signInEmail(credentials, headers);
  } catch (error) {
    if (isAPIError(error) && (error.status === 'UNAUTHORIZED' || error.status === 'BAD_REQUEST')) {
      failed(identity.userId === null ? 'unknownEmail' : 'wrongPassword');
      const locked = await recordFailure(credentials.email);
      if (!locked) return { ok: false, reason: 'invalidCredentials' };
      logSecurityEvent(headers, {
        event: 'lockout.started',
        userId: identity.userId,
        lockedUntil: locked.toISOString(),
      });
      return { ok: false, reason: 'lockedOut', retryAt: locked };
    }
    throw error;
  }
  const { headers: answerHeaders, response } = answer;
  await recordSuccess(credentials.email);
  if (identity.kind !== 'account') {
    // The password was right but no account can be chosen: the session must not outlive this request.
    await (await auth().$context).internalAdapter.deleteSession(response.token);
    const reasons = {
      mismatch: 'accountNumberMismatch',
      needsAccountNumber: 'accountNumberRequired',
    } as const;
    failed(identity.kind === 'unknown' ? 'notInAnyAccount' : reasons[identity.kind]);
    return { ok: false, reason: identity.kind === 'unknown' ? 'invalidCredentials' : reasons[identity.kind] };
  }
  await (await auth().$context).internalAdapter.updateSession(response.token, {
    accountId: identity.account.id,
  });
  logSecurityEvent(headers, {
    event: 'sign_in.succeeded',
    method: 'password',
    userId: response.user.id,
    accountId: identity.account.id,
  });
  return {
    ok: true,
    cookies: answerHeaders.getSetCookie(),
    view: await viewOf(response.user, identity.account),
  };
}

function signInEmail(credentials: Credentials, headers: Headers) {
  return auth().api.signInEmail({
    body: { email: credentials.email, password: credentials.password, rememberMe: true },
    headers,
    returnHeaders: true,
  });
}

/**
 * Ends the session on the server and returns the cookies that clear it in the browser; then, for a session its
 * account's provider should end too, where the browser goes to sign out there. The app's session ends first,
 * whatever the provider does.
 */
export async function signOut(headers: Headers): Promise<{ cookies: string[]; answer: SignOutAnswer }> {
  const found = await auth().api.getSession({ headers, query: { disableCookieCache: true } });
  if (!found) return { cookies: [], answer: { providerSignOut: null } };
  // No delivery reaches this session's pages or its browser's push service once it is answered (SPEC step 10: no
  // notification after logout).
  closeLiveChannelsOfSession(found.session.id);
  await forgetSubscriptionsOfSession(found.session.id);
  const atProvider = await providerSessionOf(found.session.id);
  const { headers: answerHeaders } = await auth().api.signOut({ headers, returnHeaders: true });
  logSecurityEvent(headers, { event: 'logout', userId: found.user.id });
  return {
    cookies: answerHeaders.getSetCookie(),
    answer: {
      providerSignOut: atProvider && (await providerSignOut(atProvider, found.user.id, headers)),
    },
  };
}
