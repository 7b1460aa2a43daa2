import 'server-only';
import type { Identification } from '@/machines/journeyTypes';
import { accountsOf, type CustomerAccount } from './accounts';
import { auth } from './auth';
import { emailSignedInAs } from './principalNames';
import { signInMethodsOf } from './ssoSettings';

/**
 * Who an email or UPN (and account number) names: one account to sign in to, a need for the account number, an
 * account number that does not match, or nobody who can sign in (no user, or a user in no account). Unknown
 * emails answer like a single-account user. The user's id, where there is one, is what the log names; the email is
 * what the typed name signs in as (a UPN's user's email, else the name folded).
 */
export type Identity = { email: string } & (
  | { kind: 'account'; account: CustomerAccount; userId: string }
  | { kind: 'needsAccountNumber'; userId: string }
  | { kind: 'mismatch'; userId: string }
  | { kind: 'unknown'; userId: string | null }
);

export async function findIdentity(typed: string, accountNumber: string | null): Promise<Identity> {
  const email = await emailSignedInAs(typed);
  const found = await (await auth().$context).internalAdapter.findUserByEmail(email);
  if (!found) return { kind: 'unknown', userId: null, email };
  const userId = found.user.id;
  const accounts = await accountsOf(userId);
  if (accountNumber !== null) {
    const account = accounts.find((candidate) => candidate.number === accountNumber);
    return account ? { kind: 'account', account, userId, email } : { kind: 'mismatch', userId, email };
  }
  if (accounts.length > 1) return { kind: 'needsAccountNumber', userId, email };
  const [only] = accounts;
  return only ? { kind: 'account', account: only, userId, email } : { kind: 'unknown', userId, email };
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
