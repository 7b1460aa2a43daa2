import 'server-only';
import type { Identification } from '@/machines/journeyTypes';
import { accountsOf, type CustomerAccount } from './accounts';
import { auth } from './auth';
import { emailSignedInAs } from './principalNames';
import { signInMethodsOf } from './ssoSettings';

/**
 * Who an email or UPN (and account number) names: one account to sign in to, a need for the account number, an
 * account number that does not match, or nobody. Unknown emails answer like a single-account user.
 */
export type Identity =
  | { kind: 'account'; account: CustomerAccount; userId: string }
  | { kind: 'needsAccountNumber' }
  | { kind: 'mismatch' }
  | { kind: 'unknown' };

export async function findIdentity(email: string, accountNumber: string | null): Promise<Identity> {
  const found = await (await auth().$context).internalAdapter.findUserByEmail(await emailSignedInAs(email));
  if (!found) return { kind: 'unknown' };
  const accounts = await accountsOf(found.user.id);
  if (accountNumber !== null) {
    const account = accounts.find((candidate) => candidate.number === accountNumber);
    return account ? { kind: 'account', account, userId: found.user.id } : { kind: 'mismatch' };
  }
  if (accounts.length > 1) return { kind: 'needsAccountNumber' };
  const [only] = accounts;
  return only ? { kind: 'account', account: only, userId: found.user.id } : { kind: 'unknown' };
}

/**
 * What the identify step tells the browser: which step comes next and, for the method screen, what it offers.
 * An unknown email is offered a password like anyone's (ASVS 5.0 V6.3.8); an account with SSO says so, as a
 * business sign-in must to send its people to their provider (docs/security.md).
 */
export async function nextStepFor(identity: Identity): Promise<Identification | 'mismatch'> {
  if (identity.kind === 'mismatch') return 'mismatch';
  if (identity.kind === 'needsAccountNumber') return { next: 'accountNumber' };
  const methods =
    identity.kind === 'account' ? await signInMethodsOf(identity.account.id) : { sso: false, password: true };
  return { next: 'method', methods };
}
