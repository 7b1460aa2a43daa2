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

/** The provider a session ends at too: one opened through SSO, at an account whose administrator turned it on. */
export type ProviderSession = { settings: SsoSettings; idToken: string };

/** Read before the session ends: its row goes with it. */
export async function providerSessionOf(sessionId: string): Promise<ProviderSession | null> {
  const row = await database()
    .selectFrom('sso_session')
    .selectAll()
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  if (!row) return null;
  try {
    const settings = await ssoSettingsOf(row.account_id);
    if (!settings?.logoutAtProvider) return null;
    return { settings, idToken: await symmetricDecrypt({ key: config.authSecret(), data: row.id_token }) };
  } catch {
    // Kept under an older server secret: no hint to give, so no logout there (the app's session ends all the same).
    return null;
  }
}

/**
 * Where the browser goes to end the provider's session too, with the state it comes back with; or 'failed' when
 * the provider does not answer now (asked afresh: a browser sent to a provider that is down would be stranded).
 */
export async function providerSignOut(
  { settings, idToken }: ProviderSession,
  userId: string,
  headers: Headers,
): Promise<{ url: string; state: string } | 'failed'> {
  const state = randomState();
  try {
    const configuration = await providerConfiguration(settings, { fresh: true });
    return { url: providerSignOutUrl(configuration, idToken, state).href, state };
  } catch (error) {
    logSecurityEvent(headers, {
      event: 'logout.at_provider_failed',
      userId,
      detail: (error as Error).message,
    });
    return 'failed';
  }
}
