import 'server-only';
import { auth } from './auth';
import { foldedName } from './principalNames';

/** A user; one without a password signs in through their account's identity provider only. */
export type NewUser = { name: string; email: string; password: string | null };

/** Turns a password into what is stored (argon2id, server/passwordHash.ts). */
export type PasswordHasher = (password: string) => Promise<string>;

/** Provisions a user, with a local password if they have one; an existing user with that email is left untouched. */
export async function provisionUser({ name, email, password }: NewUser, hashPassword?: PasswordHasher) {
  const context = await auth().$context;
  const normalisedEmail = foldedName(email);
  const existing = await context.internalAdapter.findUserByEmail(normalisedEmail);
  if (existing) return { user: existing.user, created: false };
  const user = await context.internalAdapter.createUser(
    { name, email: normalisedEmail, emailVerified: true },
    { method: 'admin' },
  );
  if (password === null) return { user, created: true };
  try {
    const passwordHash = await (hashPassword ?? context.password.hash)(password);
    await context.internalAdapter.createAccount({
      userId: user.id,
      providerId: 'credential',
      accountId: user.id,
      password: passwordHash,
    });
  } catch (error) {
    // Never leave a user who exists but cannot sign in.
    await context.internalAdapter.deleteUser(user.id);
    throw error;
  }
  return { user, created: true };
}
