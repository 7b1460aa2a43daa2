import 'server-only';
import { symmetricDecrypt, symmetricEncrypt } from 'better-auth/crypto';
import { randomState } from 'openid-client';
import { config } from './config';
import { database } from './database';
import { logSecurityEvent } from './log';
import { providerConfiguration, providerSignOutUrl } from './relyingParty';
import { type SsoSettings, ssoSettingsOf } from './ssoSettings';

/** Keeps the session's ID token, encrypted with the server's secret, for a logout at the provider to name it. */
export async function keepIdToken(sessionId: string, accountId: string, idToken: string) {
  await database()
    .insertInto('sso_session')
    .values({
      session_id: sessionId,
      account_id: accountId,
      id_token: await symmetricEncrypt({ key: config.authSecret(), data: idToken }),
    })
    .execute();
}

/**
 * The provider a session ends at too: one opened through SSO, at an account whose administrator turned it on; or
 * why that cannot be known (a database error, settings or a token kept under an older server secret).
 */
export type ProviderSession = { settings: SsoSettings; idToken: string } | { unusable: string };

/** Read before the session ends: its row goes with it. Null where the session ends in the app only. */
export async function providerSessionOf(sessionId: string): Promise<ProviderSession | null> {
  try {
    const row = await database()
      .selectFrom('sso_session')
      .selectAll()
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    if (!row) return null;
    const settings = await ssoSettingsOf(row.account_id);
    if (!settings?.logoutAtProvider) return null;
    return { settings, idToken: await symmetricDecrypt({ key: config.authSecret(), data: row.id_token }) };
  } catch (error) {
    // The app's session ends all the same; the user is told the provider did not confirm, rather than nothing.
    return { unusable: (error as Error).message };
  }
}

/**
 * Where the browser goes to end the provider's session too, with the state it comes back with; or 'failed' when
 * that cannot be prepared: the provider does not answer now (asked afresh: a browser sent to a provider that is
 * down would be stranded), or the session's token or settings could not be read.
 */
export async function providerSignOut(
  session: ProviderSession,
  userId: string,
  headers: Headers,
): Promise<{ url: string; state: string } | 'failed'> {
  const failed = (detail: string) => {
    logSecurityEvent(headers, { event: 'logout.at_provider_failed', userId, detail });
    return 'failed' as const;
  };
  if ('unusable' in session) return failed(`the session's provider could not be read: ${session.unusable}`);
  const state = randomState();
  try {
    const configuration = await providerConfiguration(session.settings, { fresh: true });
    return { url: providerSignOutUrl(configuration, session.idToken, state).href, state };
  } catch (error) {
    return failed((error as Error).message);
  }
}
