import 'server-only';
import { database, serialisedOn } from './database';
import { foldedName } from './principalNames';

/** ASVS 5.0 V6.3.1: 10 failed passwords within 15 minutes lock the email, 1 minute at first, doubling to 1 hour. */
export const lockoutPolicy = {
  maxFailures: 10,
  windowMs: 15 * 60_000,
  firstLockMs: 60_000,
  longestLockMs: 60 * 60_000,
};

/** When the email may try again, if it is locked now. */
export async function lockedUntil(email: string, now = new Date()): Promise<Date | null> {
  const row = await database()
    .selectFrom('sign_in_throttle')
    .select('locked_until')
    .where('email', '=', foldedName(email))
    .executeTakeFirst();
  const until = row?.locked_until ? new Date(row.locked_until) : null;
  return until && until > now ? until : null;
}

/**
 * Counts a failed password; the tenth in the window locks the email, each lockout longer than the one before.
 * Returns when a lock this failure started ends (the caller logs it), else null.
 */
export async function recordFailure(email: string, now = new Date()): Promise<Date | null> {
  const key = foldedName(email);
  return database()
    .transaction()
    .execute(async (trx) => {
      // Failures for one email from several instances at once are counted one after another, none lost.
      await serialisedOn(trx, `lockout ${key}`);
      const row = await trx
        .selectFrom('sign_in_throttle')
        .selectAll()
        .where('email', '=', key)
        .executeTakeFirst();
      const windowOpen = row && now.getTime() - Date.parse(row.window_started_at) < lockoutPolicy.windowMs;
      const failures = (windowOpen ? row.failures : 0) + 1;
      const lockouts = row?.lockouts ?? 0;
      const locks = failures >= lockoutPolicy.maxFailures;
      const lockMs = Math.min(lockoutPolicy.firstLockMs * 2 ** lockouts, lockoutPolicy.longestLockMs);
      const next = {
        failures: locks ? 0 : failures,
        window_started_at: windowOpen && !locks ? (row.window_started_at as string) : now.toISOString(),
        lockouts: locks ? lockouts + 1 : lockouts,
        locked_until: locks ? new Date(now.getTime() + lockMs).toISOString() : (row?.locked_until ?? null),
      };
      await trx
        .insertInto('sign_in_throttle')
        .values({ email: key, ...next })
        .onConflict((conflict) => conflict.column('email').doUpdateSet(next))
        .execute();
      return locks ? new Date(next.locked_until as string) : null;
    });
}

/** A correct password clears the count and the back-off. */
export async function recordSuccess(email: string): Promise<void> {
  await database().deleteFrom('sign_in_throttle').where('email', '=', foldedName(email)).execute();
}
