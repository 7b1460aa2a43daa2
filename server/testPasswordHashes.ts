import 'server-only';
import { hashPassword } from './passwordHash';
import type { PasswordHasher } from './users';

/**
 * For the people tests seed, by the hundred: each password is hashed once a process and that hash stored for every
 * copy of the person. The copies then share a salt, which only test data can afford (argon2id costs each hash tens
 * of milliseconds of a core); what a sign-in verifies is still a real argon2id hash.
 */
export function hashingOnce(hash: PasswordHasher): PasswordHasher {
  const hashes = new Map<string, Promise<string>>();
  return (password) => {
    let hashed = hashes.get(password);
    if (!hashed) {
      hashed = hash(password);
      hashes.set(password, hashed);
      // A hash that failed is not kept: the next seeding tries again.
      hashed.catch(() => hashes.delete(password));
    }
    return hashed;
  };
}

/** The app's hash of each test password, made once a process for the unit tests and the test workers alike. */
export const appPasswordHashes = hashingOnce(hashPassword);
