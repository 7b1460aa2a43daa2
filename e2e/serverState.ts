// What the tests do to the servers' own data, the way time, an administrator or another client would: workers only.
import { test } from '@playwright/test';
import { stoppedProviderIssuer } from '@/idp/stoppedProvider';
import type { IdpDirectory, NewIdpUser } from '@/idp/users';
import type { DeliveryKind } from '@/machines/journeyTypes';
import type { DemoAccount, DemoUser } from '@/server/demoData';
import type { PasswordHasher } from '@/server/users';
import type { Driver } from './driver';

let directory: IdpDirectory | undefined;

/** The demo identity provider's directory (the file it reads), opened once per worker. */
async function idpDirectory(): Promise<IdpDirectory> {
  if (!directory) {
    const [{ IdpDirectory }, { idpSettings }] = await Promise.all([
      import('@/idp/users'),
      import('@/idp/settings'),
    ]);
    directory = new IdpDirectory(idpSettings.databaseFile);
  }
  return directory;
}

/** Seeds a copy of an account under a number of its own, with the same way of signing in. */
export async function seedAccountCopy(account: DemoAccount, number: string): Promise<void> {
  const { seedAccount } = await import('@/server/seed');
  await seedAccount({ ...account, number });
}

/** Adds a person to the demo provider's directory, as its administrator (or someone signing up there) would. */
export async function addProviderPerson(person: NewIdpUser): Promise<void> {
  await (await idpDirectory()).add(person);
}

// Every copy of a persona has the same passwords: each hashed once a worker, for the app and for the provider.
let providerPasswords: PasswordHasher | undefined;

/**
 * Seeds a fresh copy of a persona under names of its own (email, and UPN where the persona has one) in these
 * accounts, with its licence and waiting items, and at the provider.
 */
export async function seedCopy(
  persona: DemoUser,
  names: { email: string; upn: string | undefined },
  accounts: string[],
): Promise<DemoUser> {
  const [{ seedUser }, { hashProviderPassword }, { hashingOnce, appPasswordHashes }] = await Promise.all([
    import('@/server/seed'),
    import('@/idp/users'),
    import('@/server/testPasswordHashes'),
  ]);
  providerPasswords ??= hashingOnce(hashProviderPassword);
  const copy = { ...persona, ...names, accounts };
  await seedUser(copy, appPasswordHashes);
  if (copy.idpPassword) {
    await (await idpDirectory()).add(
      { ...names, name: copy.name, password: copy.idpPassword },
      providerPasswords,
    );
  }
  return copy;
}

/** An item arrives for a person, as `npm run deliver` (or the phone system) would deliver it. */
export async function deliverItem(email: string, delivery: { kind: DeliveryKind; summary: string }) {
  const { deliverTo } = await import('@/server/inbox');
  if (!(await deliverTo(email, delivery.kind, delivery.summary)))
    throw new Error(`no user has the email ${email}`);
}

/** How often each transition was taken over the days the statechart page shows up to `now`, as the server keeps it. */
export async function trafficCounts(now: Date): Promise<Record<string, number>> {
  const { trafficOfLastDays } = await import('@/server/traffic');
  const { TRAFFIC_DAYS } = await import('@/components/statechart/traffic');
  return (await trafficOfLastDays(TRAFFIC_DAYS, now)).counts;
}

/** Points the account at a provider that was stopped (a port where one listened and nothing does now), or back. */
async function pointProviderOf(accountNumber: string, issuer: string): Promise<void> {
  const [{ accountByNumber }, { configureSso, ssoSettingsOf }] = await Promise.all([
    import('@/server/accounts'),
    import('@/server/ssoSettings'),
  ]);
  const account = await accountByNumber(accountNumber);
  const settings = account && (await ssoSettingsOf(account.id));
  if (!account || !settings) throw new Error(`account ${accountNumber} has no SSO settings`);
  if (settings.issuer !== issuer) await configureSso(account.id, { ...settings, issuer });
}

/** The account's provider goes down. */
export async function stopProviderOf(accountNumber: string): Promise<void> {
  await pointProviderOf(accountNumber, await stoppedProviderIssuer());
}

/** The account's provider is up (again, where a step stopped it). */
export async function startProviderOf(accountNumber: string): Promise<void> {
  const { demoIdentityProvider } = await import('@/server/demoData');
  await pointProviderOf(accountNumber, demoIdentityProvider.issuer());
}

/**
 * Whether the demo provider still remembers who signed in at it in this browser: a silent sign-in (prompt=none)
 * with the browser's own cookies gets a code while it does, and login_required once its session ended.
 */
export async function providerRemembers({ context }: Driver): Promise<boolean> {
  const { demoIdentityProvider } = await import('@/server/demoData');
  const { clientId, redirectUris } = demoIdentityProvider.clientOf(test.info().project.use.baseURL as string);
  const silent = new URL('/auth', demoIdentityProvider.issuer());
  silent.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUris[0] as string,
    response_type: 'code',
    scope: 'openid',
    prompt: 'none',
    state: 'silent-check',
    code_challenge: 'A'.repeat(43),
    code_challenge_method: 'S256',
  }).toString();
  const answer = await context.request.get(silent.href, { maxRedirects: 0 });
  const back = new URL(answer.headers().location ?? '', silent);
  if (back.searchParams.has('code')) return true;
  if (back.searchParams.get('error') === 'login_required') return false;
  throw new Error(`the provider answered a silent sign-in with ${answer.status()} ${back.href}`);
}

async function userIdOf(email: string): Promise<string> {
  const { auth } = await import('@/server/auth');
  const found = await (await auth().$context).internalAdapter.findUserByEmail(email);
  if (!found) throw new Error(`no user ${email}`);
  return found.user.id;
}

/** Makes every session of the user run out now, as twelve idle hours would. */
export async function expireSessionsOf(email: string): Promise<void> {
  const { auth } = await import('@/server/auth');
  const { internalAdapter } = await auth().$context;
  for (const session of await internalAdapter.listSessions(await userIdOf(email))) {
    await internalAdapter.updateSession(session.token, { expiresAt: new Date(Date.now() - 1000) });
  }
}

/** Makes a reset link run out now, as thirty minutes would. */
export async function expireResetLink(token: string): Promise<void> {
  const { auth } = await import('@/server/auth');
  const { internalAdapter } = await auth().$context;
  await internalAdapter.updateVerificationByIdentifier(`reset-password:${token}`, {
    expiresAt: new Date(Date.now() - 1000),
  });
}

/** Makes the email locked, as ten failed passwords in a row would. */
export async function lockEmail(email: string): Promise<void> {
  const { lockoutPolicy, recordFailure } = await import('@/server/lockout');
  for (let failure = 0; failure < lockoutPolicy.maxFailures; failure += 1) await recordFailure(email);
}

/** How many sessions of the user the database holds that have not run out: what an operator would count. */
export async function liveSessionsOf(email: string): Promise<number> {
  const { auth } = await import('@/server/auth');
  const { internalAdapter } = await auth().$context;
  const sessions = await internalAdapter.listSessions(await userIdOf(email));
  return sessions.filter((session) => session.expiresAt.getTime() > Date.now()).length;
}

/** Opens a session of the user on another device, as a sign-in there would have. */
export async function openSessionElsewhere(email: string): Promise<void> {
  const { auth } = await import('@/server/auth');
  const { internalAdapter } = await auth().$context;
  await internalAdapter.createSession(await userIdOf(email));
}

/** How many of the provider's people the user is linked to (after a first SSO sign-in, one). */
export async function ssoLinksOf(email: string): Promise<number> {
  const { database } = await import('@/server/database');
  const links = await database()
    .selectFrom('sso_identity')
    .select('subject')
    .where('user_id', '=', await userIdOf(email))
    .execute();
  return links.length;
}
