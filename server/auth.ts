import 'server-only';
import { betterAuth } from 'better-auth';
import { bearer } from 'better-auth/plugins';
import { config } from './config';
import { database, databaseType } from './database';
import { hashPassword, verifyPassword } from './passwordHash';
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
      minPasswordLength: 8,
      maxPasswordLength: 128,
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
