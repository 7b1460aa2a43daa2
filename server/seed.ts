import 'server-only';
import { addMember, ensureAccount } from './accounts';
import { type DemoUser, demoAccounts, demoUsers } from './demoData';
import { deliver } from './inbox';
import { acceptLicence } from './licence';
import { provisionUser } from './users';

/** Provisions a user in their accounts; what waits for them is delivered once, when the user is new. */
export async function seedUser(demo: DemoUser) {
  const { user, created } = await provisionUser(demo);
  for (const number of demo.accounts) {
    const account = Object.values(demoAccounts).find((candidate) => candidate.number === number);
    if (!account) throw new Error(`demo user ${demo.email} names an unknown account ${number}`);
    await addMember(user.id, (await ensureAccount(account)).id);
  }
  if (demo.licenceAccepted) await acceptLicence(user.id, 'seed');
  if (created) {
    for (const item of demo.waiting) await deliver(user.id, item.kind, item.summary);
  }
  return user;
}

/** Seeds every demo user; safe to run at every start. */
export async function seedDemo(): Promise<DemoUser[]> {
  const users = Object.values(demoUsers);
  for (const demo of users) await seedUser(demo);
  return users;
}
