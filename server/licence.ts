import 'server-only';
import { database } from './database';

/** The version of the End User License Agreement users accept now. */
export const LICENCE_VERSION = '2026-01';

export type LicenceClient = 'web' | 'mobile' | 'seed';

export async function hasAcceptedLicence(userId: string): Promise<boolean> {
  const row = await database()
    .selectFrom('licence_acceptance')
    .select('user_id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records who accepted, when, which version and from which client; a second acceptance changes nothing. */
export async function acceptLicence(userId: string, client: LicenceClient): Promise<void> {
  await database()
    .insertInto('licence_acceptance')
    .values({ user_id: userId, version: LICENCE_VERSION, client, accepted_at: new Date().toISOString() })
    .onConflict((conflict) => conflict.column('user_id').doNothing())
    .execute();
}
