import 'server-only';
import { betterAuth } from 'better-auth';
import { bearer } from 'better-auth/plugins';
import { config } from './config';
import { database, databaseType } from './database';
import { sendMail } from './mail';
import { hashPassword, verifyPassword } from './passwordHash';
import { NEW_PASSWORD_MAX_LENGTH, NEW_PASSWORD_MIN_LENGTH } from './passwordRules';
import { RESET_LINK_TTL_SECONDS, resetMail } from './resetMails';
import { ssoSessions } from './ssoSessionPlugin';

export const SESSION_COOKIE_PREFIX = 'relay';

function createAuth() {
  return betterAuth({
    appName: config.productName,
    baseURL: config.baseUrl,
    secret: config.authSecret(),
    trustedOrigins: [config.baseUrl],
    database: { db: database(), type: databaseType, transaction: true },
    emailAndPassword: {
      enabled: true,
      // Users are provisioned by their account's administrator (and the seed), never by self sign-up.
      disableSignUp: true,
      minPasswordLength: NEW_PASSWORD_MIN_LENGTH,
      maxPasswordLength: NEW_PASSWORD_MAX_LENGTH,
      // The reset link goes by mail to the user (server/passwordReset.ts decides whether to ask for one).
      sendResetPassword: async ({ user, token }) => {
        await sendMail(resetMail(user, token));
      },
      resetPasswordTokenExpiresIn: RESET_LINK_TTL_SECONDS,
      // A new password ends every session the old one opened.
      revokeSessionsOnPasswordReset: true,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    session: {
      // ASVS 5.0 V7.3: sessions live on the server, expire after 12 hours, and slide while in use.
      expiresIn: 12 * 60 * 60,
      updateAge: 60 * 60,
      // No cookie cache: every request asks the database, so an ended session ends at once.
      cookieCache: { enabled: false },
      // The customer account the session was opened in (SPEC step 3), set by the server, never by the client.
      additionalFields: { accountId: { type: 'string', required: false, input: false } },
    },
    // Other clients (the mobile app) send the session token as a bearer token instead of a cookie.
    plugins: [bearer(), ssoSessions()],
    // Reset tokens and other one-time values are stored as hashes: a copy of the database opens nothing.
    verification: { storeIdentifier: 'hashed' },
    advanced: { cookiePrefix: SESSION_COOKIE_PREFIX },
    telemetry: { enabled: false },
    logger: { level: 'error' },
  });
}

const globalForAuth = globalThis as unknown as { relayAuth?: ReturnType<typeof createAuth> };

export function auth() {
  globalForAuth.relayAuth ??= createAuth();
  return globalForAuth.relayAuth;
}
