// What the tests do to the server's own database, the way time or another client would: loaded in workers only.
import type { DemoUser } from '@/server/demoData';

/** Seeds a fresh copy of a persona, with its accounts, licence and waiting items. */
export async function seedCopy(persona: DemoUser, email: string): Promise<DemoUser> {
  const { seedUser } = await import('@/server/seed');
  const copy = { ...persona, email };
  await seedUser(copy);
  return copy;
}

/** Makes every session of the user run out now, as twelve idle hours would. */
export async function expireSessionsOf(email: string): Promise<void> {
  const { auth } = await import('@/server/auth');
  const { internalAdapter } = await auth().$context;
  const found = await internalAdapter.findUserByEmail(email);
  if (!found) throw new Error(`no user ${email} to expire the sessions of`);
  for (const session of await internalAdapter.listSessions(found.user.id)) {
    await internalAdapter.updateSession(session.token, { expiresAt: new Date(Date.now() - 1000) });
  }
}

/** Makes the email locked, as ten failed passwords in a row would. */
export async function lockEmail(email: string): Promise<void> {
  const { lockoutPolicy, recordFailure } = await import('@/server/lockout');
  for (let failure = 0; failure < lockoutPolicy.maxFailures; failure += 1) await recordFailure(email);
}
