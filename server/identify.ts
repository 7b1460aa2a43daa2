import 'server-only';
import type { Identification } from '@/machines/journeyTypes';
import { accountsOf, type CustomerAccount } from './accounts';
import { auth } from './auth';

/**
 * Who an email (and account number) names: one account to sign in to, a need for the account number, an
 * account number that does not match, or nobody. Unknown emails answer like a single-account user.
 */
export type Identity =
  | { kind: 'account'; account: CustomerAccount }
  | { kind: 'needsAccountNumber' }
  | { kind: 'mismatch' }
  | { kind: 'unknown' };

export async function findIdentity(email: string, accountNumber: string | null): Promise<Identity> {
  const found = await (await auth().$context).internalAdapter.findUserByEmail(email.trim().toLowerCase());
  if (!found) return { kind: 'unknown' };
  const accounts = await accountsOf(found.user.id);
  if (accountNumber !== null) {
    const account = accounts.find((candidate) => candidate.number === accountNumber);
    return account ? { kind: 'account', account } : { kind: 'mismatch' };
  }
  if (accounts.length > 1) return { kind: 'needsAccountNumber' };
  const [only] = accounts;
  return only ? { kind: 'account', account: only } : { kind: 'unknown' };
}

/** What the identify step tells the browser: only which step comes next (ASVS V6.3.8: nothing about who exists). */
export function nextStepFor(identity: Identity): Identification | 'mismatch' {
  if (identity.kind === 'mismatch') return 'mismatch';
  return { next: identity.kind === 'needsAccountNumber' ? 'accountNumber' : 'password' };
}
