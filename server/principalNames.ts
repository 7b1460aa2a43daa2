import 'server-only';
import { database } from './database';

/** A name as typed, the way it is stored and compared: emails and UPNs are both case-insensitive. */
export const foldedName = (typed: string) => typed.trim().toLowerCase();

const userWithEmail = (email: string) =>
  database().selectFrom('user').select('id').where('email', '=', email).executeTakeFirst();

/**
 * The email a typed name signs in as: itself when it is a user's email (known or not), else the email of the user
 * whose User Principal Name it is. Both lookups run for every name, so an unknown UPN costs what an unknown email
 * does (ASVS 5.0 V6.3.8).
 */
export async function emailSignedInAs(typed: string): Promise<string> {
  const name = foldedName(typed);
  const [owner, principal] = await Promise.all([
    userWithEmail(name),
    database()
      .selectFrom('user_principal_name')
      .innerJoin('user', 'user.id', 'user_principal_name.user_id')
      .select('user.email')
      .where('user_principal_name.upn', '=', name)
      .executeTakeFirst(),
  ]);
  return owner ? name : (principal?.email ?? name);
}

/** The UPN the user's administrator recorded, if any. */
export async function principalNameOf(userId: string): Promise<string | null> {
  const row = await database()
    .selectFrom('user_principal_name')
    .select('upn')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.upn ?? null;
}

export type PrincipalNameRecorded =
  | { ok: true; replaced: string | null }
  | { ok: false; problem: 'noSuchUser' | 'nameIsAnEmail' | 'nameTaken' };

/**
 * Records (or replaces) the UPN a user signs in with. A UPN is never anyone's email, nor another user's UPN: a
 * name typed at sign-in must lead to one user only.
 */
export async function recordPrincipalName(email: string, upn: string): Promise<PrincipalNameRecorded> {
  const name = foldedName(upn);
  const user = await userWithEmail(foldedName(email));
  if (!user) return { ok: false, problem: 'noSuchUser' };
  if (await userWithEmail(name)) return { ok: false, problem: 'nameIsAnEmail' };
  const db = database();
  const holder = await db
    .selectFrom('user_principal_name')
    .select('user_id')
    .where('upn', '=', name)
    .executeTakeFirst();
  if (holder && holder.user_id !== user.id) return { ok: false, problem: 'nameTaken' };
  const replaced = await principalNameOf(user.id);
  await db
    .insertInto('user_principal_name')
    .values({ upn: name, user_id: user.id, recorded_at: new Date().toISOString() })
    .onConflict((conflict) => conflict.column('user_id').doUpdateSet({ upn: name }))
    .execute();
  return { ok: true, replaced: replaced === name ? null : replaced };
}
