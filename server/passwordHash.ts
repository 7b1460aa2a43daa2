import 'server-only';
import { type Algorithm, hash, verify } from '@node-rs/argon2';

// OWASP's argon2id minimum (ASVS 5.0 V11.4.2): m = 19 MiB, t = 2, p = 1.
const ARGON2ID = 2 as Algorithm;
const options = { algorithm: ARGON2ID, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword({ hash: encoded, password }: { hash: string; password: string }) {
  try {
    return await verify(encoded, password);
  } catch {
    // A stored value that is not an argon2 hash never matches.
    return false;
  }
}
