import 'server-only';
import { type DemoUser, demoUsers } from './demoData';
import { deliver } from './inbox';
import { provisionUser } from './users';

/** Provisions a user and delivers what waits for them, once: a user who already exists is left as is. */
export async function seedUser(demo: DemoUser) {
  const { user, created } = await provisionUser(demo);
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
