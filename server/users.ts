import 'server-only';
import { auth } from './auth';

export type NewUser = { name: string; email: string; password: string };

/** Provisions a user who signs in with a password; an existing user with that email is left untouched. */
export async function provisionUser({ name, email, password }: NewUser) {
  const context = await auth().$context;
  const normalisedEmail = email.trim().toLowerCase();
  const existing = await context.internalAdapter.findUserByEmail(normalisedEmail);
  if (existing) return { user: existing.user, created: false };
  const passwordHash = await context.password.hash(password);
  const user = await context.internalAdapter.createUser(
    { name, email: normalisedEmail, emailVerified: true },
    { method: 'admin' },
  );
  try {
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
