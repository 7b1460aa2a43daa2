import 'server-only';
import { isAPIError } from 'better-auth/api';
import { RESET_TOKEN_FORMAT } from '@/machines/journeyTypes';
import { auth } from './auth';
import { database, serialisedOn } from './database';
import { afterAnswer } from './http';
import { recordSuccess } from './lockout';
import { logSecurityEvent, type ResetFailure } from './log';
import { sendMail } from './mail';
import { closeLiveChannelsOfUser } from './notifications/liveChannels';
import { forgetSubscriptionsOfUser } from './notifications/pushSubscriptions';
import { isCommonPassword } from './passwordRules';
import { emailSignedInAs } from './principalNames';
import { passwordChangedMail } from './resetMails';
import { isSsoOnlyUser } from './ssoSettings';

/** Per account (the email as typed, known or not): at most 3 reset mails in 15 minutes (ASVS 5.0 V2.4.1). */
export const resetRequestPolicy = { perEmail: 3, windowMs: 15 * 60_000 };

/** Counts this request; true when the email has had its share of reset mails for now. */
async function overRequestLimit(email: string): Promise<boolean> {
  const since = new Date(Date.now() - resetRequestPolicy.windowMs).toISOString();
  return database()
    .transaction()
    .execute(async (trx) => {
      // Requests for one email at the same moment, on any instance, are counted one after another.
      await serialisedOn(trx, `reset-request ${email}`);
      await trx
        .insertInto('password_reset_request')
        .values({ email, requested_at: new Date().toISOString() })
        .execute();
      await trx.deleteFrom('password_reset_request').where('requested_at', '<', since).execute();
      const { count } = await trx
        .selectFrom('password_reset_request')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      return Number(count) > resetRequestPolicy.perEmail;
    });
}

/**
 * Sends a reset link when the email is a user's, who may have a password. Runs after the answer was sent, so
 * its work (or lack of it) never shows in the response or its timing (ASVS 5.0 V6.3.8).
 */
export async function requestPasswordReset(typedEmail: string, headers: Headers): Promise<void> {
  const email = await emailSignedInAs(typedEmail);
  const found = await (await auth().$context).internalAdapter.findUserByEmail(email);
  const userId = found?.user.id ?? null;
  if (await overRequestLimit(email)) {
    logSecurityEvent(headers, { event: 'password_reset.throttled', userId });
    return;
  }
  // An account that enforces SSO has no passwords: a reset must never give one of its users a password.
  if (found && (await isSsoOnlyUser(found.user.id))) {
    logSecurityEvent(headers, { event: 'password_reset.refused_sso_only', userId: found.user.id });
    return;
  }
  logSecurityEvent(headers, { event: 'password_reset.requested', userId });
  // better-auth makes the single-use token (stored hashed) and calls sendResetPassword (server/auth.ts).
  await auth().api.requestPasswordReset({ body: { email } });
}

/** The user a reset link is for, while it works: unexpired, unused, and for someone who may have a password. */
async function userOfLink(token: string): Promise<{ id: string; name: string; email: string } | null> {
  if (!RESET_TOKEN_FORMAT.test(token)) return null;
  const { internalAdapter } = await auth().$context;
  const verification = await internalAdapter.findVerificationValue(`reset-password:${token}`);
  if (!verification || verification.expiresAt < new Date()) return null;
  const user = await internalAdapter.findUserById(verification.value);
  if (!user || (await isSsoOnlyUser(user.id))) return null;
  return user;
}

export async function isResetLinkValid(token: string): Promise<boolean> {
  return (await userOfLink(token)) !== null;
}

export type ResetResult = { ok: true } | { ok: false; reason: ResetFailure };

/**
 * Sets the new password: the link is used up, every session of the user ends (better-auth, in one
 * transaction), and a mail tells the user. It never signs anyone in.
 */
export async function resetPassword(token: string, password: string, headers: Headers): Promise<ResetResult> {
  const user = await userOfLink(token);
  const failed = (reason: ResetFailure): ResetResult => {
    logSecurityEvent(headers, { event: 'password_reset.failed', reason, userId: user?.id ?? null });
    return { ok: false, reason };
  };
  // A dead link is said first: choosing a better password would not revive it.
  if (!user) return failed('resetLinkInvalid');
  if (isCommonPassword(password)) return failed('passwordTooCommon');
  try {
    await auth().api.resetPassword({ body: { token, newPassword: password } });
  } catch (error) {
    if (isAPIError(error)) return failed('resetLinkInvalid');
    throw error;
  }
  const { internalAdapter } = await auth().$context;
  // The account may have turned SSO-only while the password was being set: then it must not keep one.
  if (await isSsoOnlyUser(user.id)) {
    await internalAdapter.deleteAccounts(user.id);
    logSecurityEvent(headers, { event: 'password_reset.undone_sso_only', userId: user.id });
    return { ok: false, reason: 'resetLinkInvalid' };
  }
  // The other links mailed to this user die with this one; the lockout a forgotten password caused ends.
  await database().deleteFrom('verification').where('value', '=', user.id).execute();
  // Their sessions ended with the reset: so do the live channels and the push subscriptions those sessions made.
  closeLiveChannelsOfUser(user.id);
  await forgetSubscriptionsOfUser(user.id);
  await recordSuccess(user.email);
  logSecurityEvent(headers, { event: 'password_reset.done', userId: user.id });
  afterAnswer(async () => {
    await sendMail(passwordChangedMail(user));
  });
  return { ok: true };
}
