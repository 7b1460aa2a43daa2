import 'server-only';
import { dictionary } from '@zxcvbn-ts/language-common';

export { NEW_PASSWORD_MAX_LENGTH, NEW_PASSWORD_MIN_LENGTH } from '@/machines/journeyTypes';

// zxcvbn-ts's list of the most common passwords (about 49,000), kept in memory as a set.
const commonPasswords = new Set(
  (dictionary['passwords-common'] as string[]).map((word) => word.toLowerCase()),
);

/** ASVS 5.0 V6.2.4: a password from the most common ones is refused, whatever its case. */
export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.toLowerCase());
}
