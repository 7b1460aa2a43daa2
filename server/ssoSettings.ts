import 'server-only';
import { symmetricDecrypt, symmetricEncrypt } from 'better-auth/crypto';
import { accountsOf } from './accounts';
import { config } from './config';
import { database } from './database';

/** An account's Single Sign-On, as its administrator configured it. */
export type SsoSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  enabled: boolean;
  /** Password sign-in (and so password reset) is refused for the account's users. */
  ssoOnly: boolean;
  /** A logout ends the user's session at the provider too (RP-initiated logout), not only the app's. */
  logoutAtProvider: boolean;
};

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a URL is on this machine: the only place an issuer may speak plain HTTP (the demo provider). */
export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * Why an issuer cannot be used, or null. HTTPS only, except on loopback (ASVS 5.0 V12.3.1); no query,
 * fragment or credentials, which an issuer identifier never has (OpenID Connect Discovery 1.0, section 2).
 */
export function issuerProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return `the issuer must be an absolute URL, got "${issuer}"`;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
    return 'the issuer must use https (plain http only on this machine, for the demo provider)';
  }
  if (url.search || url.hash || url.username || url.password) {
    return 'the issuer must have no query, fragment or credentials';
  }
  return null;
}

/** Sets an account's SSO; the client secret is encrypted with the server's secret before it is stored. */
export async function configureSso(accountId: string, settings: SsoSettings): Promise<void> {
  const problem = issuerProblem(settings.issuer);
  if (problem) throw new Error(problem);
  const row = {
    issuer: settings.issuer,
    client_id: settings.clientId,
    client_secret: await symmetricEncrypt({ key: config.authSecret(), data: settings.clientSecret }),
    enabled: settings.enabled ? 1 : 0,
    sso_only: settings.ssoOnly ? 1 : 0,
    logout_at_provider: settings.logoutAtProvider ? 1 : 0,
    updated_at: new Date().toISOString(),
  };
  await database()
    .insertInto('account_sso')
    .values({ account_id: accountId, ...row })
    .onConflict((conflict) => conflict.column('account_id').doUpdateSet(row))
    .execute();
}

/** The account's SSO when it is switched on, with its secret readable; null otherwise. */
export async function ssoSettingsOf(accountId: string): Promise<SsoSettings | null> {
  const row = await database()
    .selectFrom('account_sso')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (row?.enabled !== 1) return null;
  return {
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecret: await symmetricDecrypt({ key: config.authSecret(), data: row.client_secret }),
    enabled: true,
    ssoOnly: row.sso_only === 1,
    logoutAtProvider: row.logout_at_provider === 1,
  };
}

/** How the account's users may sign in: what the method screen offers (SPEC step 4). */
export async function signInMethodsOf(accountId: string): Promise<{ sso: boolean; password: boolean }> {
  const row = await database()
    .selectFrom('account_sso')
    .select(['enabled', 'sso_only'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  const sso = row?.enabled === 1;
  return { sso, password: !(sso && row?.sso_only === 1) };
}

/** Carries out the sso command on an account; says what it did, and whether the provider answered. */
export async function applySsoCommand(
  account: { id: string; number: string; name: string },
  command:
    | { disable: true }
    | ({ disable: false; ssoOnly: boolean } & Omit<SsoSettings, 'enabled' | 'ssoOnly'>),
): Promise<string> {
  const who = `${account.name} (${account.number})`;
  if (command.disable) {
    const changed = await database()
      .updateTable('account_sso')
      .set({ enabled: 0, updated_at: new Date().toISOString() })
      .where('account_id', '=', account.id)
      .executeTakeFirst();
    return changed.numUpdatedRows > 0n
      ? `SSO is off for ${who}: its users sign in with a password.`
      : `${who} had no SSO.`;
  }
  const settings = { ...command, enabled: true };
  await configureSso(account.id, settings);
  const { providerConfiguration } = await import('./relyingParty');
  const reached = await providerConfiguration(settings).then(
    () => `the provider answered as ${settings.issuer}.`,
    (error: Error) =>
      `the provider did not answer yet (${error.message}): users will see the SSO error until it does.`,
  );
  const password = settings.ssoOnly ? 'SSO only (no password, no reset)' : 'SSO beside the password';
  const logout = settings.logoutAtProvider ? ', logout at the provider too' : '';
  return `SSO is on for ${who}: ${password}${logout}; ${reached}`;
}

/** Whether any account of the user enforces SSO: then the user has no password, and may never be given one. */
export async function isSsoOnlyUser(userId: string): Promise<boolean> {
  for (const account of await accountsOf(userId)) {
    if (!(await signInMethodsOf(account.id)).password) return true;
  }
  return false;
}
