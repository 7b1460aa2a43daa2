import 'server-only';
import { accountByNumber, addMember, type CustomerAccount, ensureAccount } from './accounts';
import { type DemoAccount, type DemoUser, demoAccounts, demoIdentityProvider, demoUsers } from './demoData';
import { deliver } from './inbox';
import { acceptLicence } from './licence';
import { recordPrincipalName } from './principalNames';
import { configureSso } from './ssoSettings';
import { type PasswordHasher, provisionUser } from './users';

/** Creates the account (kept if it exists) and, for an SSO account, points it at the demo identity provider. */
export async function seedAccount(demo: DemoAccount, issuer = demoIdentityProvider.issuer()) {
  const account = await ensureAccount(demo);
  if (demo.signIn !== 'password') {
    await configureSso(account.id, {
      issuer,
      clientId: demoIdentityProvider.clientId,
      clientSecret: demoIdentityProvider.clientSecret,
      enabled: true,
      ssoOnly: demo.signIn === 'ssoOnly',
      logoutAtProvider: demo.logoutAtProvider === true,
    });
  }
  return account;
}

/** The account with that number; a demo account's number seeds it on first use. */
async function seededAccount(number: string): Promise<CustomerAccount> {
  const existing = await accountByNumber(number);
  if (existing) return existing;
  const demo = Object.values(demoAccounts).find((candidate) => candidate.number === number);
  if (!demo) throw new Error(`no account ${number} to add a user to`);
  return seedAccount(demo);
}

/**
 * Provisions a user in their accounts; what waits for them is delivered once, when the user is new. Tests may hash
 * their people's passwords their own way (once each, server/testPasswordHashes.ts).
 */
export async function seedUser(demo: DemoUser, hashPassword?: PasswordHasher) {
  const { user, created } = await provisionUser(demo, hashPassword);
  for (const number of demo.accounts) await addMember(user.id, (await seededAccount(number)).id);
  if (demo.licenceAccepted) await acceptLicence(user.id, 'seed');
  if (demo.upn) {
    const recorded = await recordPrincipalName(demo.email, demo.upn);
    if (!recorded.ok)
      throw new Error(`the UPN ${demo.upn} of ${demo.email} was not recorded: ${recorded.problem}`);
  }
  if (created) {
    for (const item of demo.waiting) await deliver(user.id, item.kind, item.summary);
  }
  return user;
}

/** Seeds every demo account and user; safe to run at every start. */
export async function seedDemo(): Promise<DemoUser[]> {
  for (const account of Object.values(demoAccounts)) await seedAccount(account);
  const users = Object.values(demoUsers);
  for (const demo of users) await seedUser(demo);
  return users;
}
