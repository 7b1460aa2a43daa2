import 'server-only';
import { randomBytes } from 'node:crypto';
import type { SessionView } from '@/machines/journeyTypes';
import { accountById, accountsOf } from './accounts';
import { auth } from './auth';
import { cookieValue, hashOfCookieValue, ownCookie } from './cookies';
import { database } from './database';
import { findIdentity } from './identify';
import { logSecurityEvent, type SsoFailure } from './log';
import { foldedName, principalNameOf } from './principalNames';
import { keepIdToken } from './providerSignOut';
import {
  authorizationUrl,
  newAuthorizationChecks,
  providerConfiguration,
  redeemCode,
  type VouchedPerson,
} from './relyingParty';
import { viewOf } from './session';
import { type SsoSettings, ssoSettingsOf } from './ssoSettings';

/** The cookie that ties a trip to the provider to the browser that started it (login CSRF, ASVS 5.0 V10.1.2). */
export const SSO_LOGIN_COOKIE = 'relay.sso_login';
const LOGIN_TTL_SECONDS = 10 * 60;

const loginCookie = (value: string, maxAgeSeconds: number) =>
  ownCookie(SSO_LOGIN_COOKIE, value, '/api/sso', maxAgeSeconds);

/** A provider that could not be reached, or one whose answer did not hold up. */
function failureOf(error: unknown): SsoFailure {
  const { code, message, name } = error as { code?: string; message?: string; name?: string };
  const network = code === 'ECONNREFUSED' || message === 'fetch failed' || name === 'TimeoutError';
  return network ? 'providerUnreachable' : 'rejectedResponse';
}

/** The account's SSO settings, or why it has none to use: none enabled, or unreadable (the server secret changed). */
async function usableSettingsOf(
  accountId: string,
): Promise<{ settings: SsoSettings } | { unusable: string }> {
  try {
    const settings = await ssoSettingsOf(accountId);
    return settings ? { settings } : { unusable: `account ${accountId} has no SSO enabled` };
  } catch (error) {
    return { unusable: `settings of account ${accountId} cannot be read: ${(error as Error).message}` };
  }
}

/** Logs why a trip failed, for the user it was for when known; the browser only ever learns that it failed. */
const logFailure = (headers: Headers, reason: SsoFailure, userId: string | null, detail: string) =>
  logSecurityEvent(headers, { event: 'sso.failed', reason, userId, detail });

export type SsoStart = { ok: true; url: string; cookies: string[] } | { ok: false; reason: SsoFailure };

/** Sends the user who identified to their account's provider: the trip's secrets stay on the server. */
export async function startSso(
  email: string,
  accountNumber: string | null,
  headers: Headers,
): Promise<SsoStart> {
  const identity = await findIdentity(email, accountNumber);
  const fail = (reason: SsoFailure, detail: string): SsoStart => {
    logFailure(headers, reason, identity.userId, detail);
    return { ok: false, reason };
  };
  if (identity.kind !== 'account')
    return fail('notOffered', `no single account to sign in to (${identity.kind})`);
  const usable = await usableSettingsOf(identity.account.id);
  if ('unusable' in usable) return fail('notOffered', usable.unusable);
  let url: URL;
  const checks = newAuthorizationChecks();
  try {
    // The provider knows an Azure user by their UPN: it is the hint, whichever name they typed here.
    const loginHint = (await principalNameOf(identity.userId)) ?? identity.email;
    url = await authorizationUrl(await providerConfiguration(usable.settings), checks, loginHint);
  } catch (error) {
    return fail(failureOf(error), (error as Error).message);
  }
  const loginId = randomBytes(32).toString('base64url');
  const db = database();
  const now = new Date();
  await db.deleteFrom('sso_login').where('expires_at', '<', now.toISOString()).execute();
  await db
    .insertInto('sso_login')
    .values({
      id_hash: hashOfCookieValue(loginId),
      account_id: identity.account.id,
      user_id: identity.userId,
      state: checks.state,
      nonce: checks.nonce,
      code_verifier: checks.codeVerifier,
      expires_at: new Date(now.getTime() + LOGIN_TTL_SECONDS * 1000).toISOString(),
    })
    .execute();
  return { ok: true, url: url.href, cookies: [loginCookie(loginId, LOGIN_TTL_SECONDS)] };
}

/** The trip this browser started, taken once: a second use of the same callback finds nothing. */
async function takeLogin(headers: Headers) {
  const loginId = cookieValue(headers, SSO_LOGIN_COOKIE);
  if (!loginId) return undefined;
  const login = await database()
    .deleteFrom('sso_login')
    .where('id_hash', '=', hashOfCookieValue(loginId))
    .returningAll()
    .executeTakeFirst();
  return login && login.expires_at > new Date().toISOString() ? login : undefined;
}

/**
 * The user the provider's person is: the user their subject was linked to, or at the first SSO sign-in the
 * user with the email the provider vouched for, or whose UPN the provider's directory names them by, who is then
 * linked. Either way, the one who identified.
 */
async function matchPerson(person: VouchedPerson, expectedUserId: string): Promise<boolean> {
  const db = database();
  const linkedUser = () =>
    db
      .selectFrom('sso_identity')
      .select('user_id')
      .where('issuer', '=', person.issuer)
      .where('subject', '=', person.subject)
      .executeTakeFirst();
  const link = await linkedUser();
  if (link) return link.user_id === expectedUserId;
  if (!person.email && !person.principalName) return false;
  // A user already linked to another subject of this provider is that person: an email handed on to someone
  // new at the provider (a leaver's address) does not make them the same user.
  const linkedElsewhere = await db
    .selectFrom('sso_identity')
    .select('subject')
    .where('issuer', '=', person.issuer)
    .where('user_id', '=', expectedUserId)
    .executeTakeFirst();
  if (linkedElsewhere) return false;
  if (!(await isNamedBy(person, expectedUserId))) return false;
  await db
    .insertInto('sso_identity')
    .values({
      issuer: person.issuer,
      subject: person.subject,
      user_id: expectedUserId,
      linked_at: new Date().toISOString(),
    })
    .onConflict((conflict) => conflict.columns(['issuer', 'subject']).doNothing())
    .execute();
  // Two first sign-ins at once: whichever link was stored is the one that counts.
  return (await linkedUser())?.user_id === expectedUserId;
}

/**
 * Whether the provider names the user: by the email it verified, or by the UPN the account's administrator recorded
 * for them (a name the directory gives, in the token the provider signed; never compared with emails).
 */
async function isNamedBy(person: VouchedPerson, userId: string): Promise<boolean> {
  const [byEmail, principalName] = await Promise.all([
    person.email && (await auth().$context).internalAdapter.findUserByEmail(foldedName(person.email)),
    principalNameOf(userId),
  ]);
  // A verified email that is someone else's is refused, whatever name comes with it: the two would contradict.
  if (byEmail) return byEmail.user.id === userId;
  return (
    principalName !== null &&
    person.principalName !== null &&
    foldedName(person.principalName) === principalName
  );
}

export type SsoCompletion =
  | { ok: true; view: SessionView; cookies: string[] }
  | { ok: false; reason: SsoFailure; cookies: string[] };

/** Finishes the trip with what the provider sent back, and opens a session in the account it was for. */
export async function completeSso(callbackQuery: string, headers: Headers): Promise<SsoCompletion> {
  const cookies = [loginCookie('', 0)];
  const login = await takeLogin(headers);
  const fail = (reason: SsoFailure, detail: string): SsoCompletion => {
    logFailure(headers, reason, login?.user_id ?? null, detail);
    return { ok: false, reason, cookies };
  };
  if (!login) return fail('noLoginInProgress', 'no unexpired sign-in for this browser');
  const account = await accountById(login.account_id);
  if (!account) return fail('notOffered', `account ${login.account_id} is gone`);
  const usable = await usableSettingsOf(login.account_id);
  if ('unusable' in usable) return fail('notOffered', usable.unusable);
  // The provider's error code in the few characters RFC 6749 gives it, and never the rest of the query.
  const providerError = new URLSearchParams(callbackQuery).get('error');
  if (providerError) return fail('providerRefused', providerError.replace(/[^\w.-]/g, '').slice(0, 64));
  let redeemed: Awaited<ReturnType<typeof redeemCode>>;
  try {
    redeemed = await redeemCode(await providerConfiguration(usable.settings), callbackQuery, {
      state: login.state,
      nonce: login.nonce,
      codeVerifier: login.code_verifier,
    });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return fail(failureOf(error), `${code ?? ''} ${message}`.trim());
  }
  const { person } = redeemed;
  const isMember = (await accountsOf(login.user_id)).some((member) => member.id === login.account_id);
  if (!isMember || !(await matchPerson(person, login.user_id))) {
    return fail('notAUserOfTheAccount', `${person.issuer} subject ${person.subject}`);
  }
  const user = await (await auth().$context).internalAdapter.findUserById(login.user_id);
  if (!user) return fail('notAUserOfTheAccount', `user ${login.user_id} is gone`);
  const { headers: sessionHeaders, response: opened } = await auth().api.openSsoSession({
    body: { userId: user.id, accountId: login.account_id },
    headers,
    returnHeaders: true,
  });
  await keepIdToken(opened.sessionId, login.account_id, redeemed.idToken);
  logSecurityEvent(headers, {
    event: 'sign_in.succeeded',
    method: 'sso',
    userId: user.id,
    accountId: account.id,
  });
  return {
    ok: true,
    view: await viewOf(user, account),
    cookies: [...cookies, ...sessionHeaders.getSetCookie()],
  };
}
