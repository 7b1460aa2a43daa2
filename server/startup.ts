import 'server-only';
import { config } from './config';
import { oneInstanceAtATime, unusableDatabase } from './database';
import { migrate } from './migrations';
import { seedDemo } from './seed';

/** Migrates the database and, in the demo, seeds SPEC's users and prints how to sign in. */
export async function prepareServer(): Promise<void> {
  await migrate().catch((error: unknown) => {
    throw unusableDatabase(error) ?? error;
  });
  if (!config.seedDemo) return;
  // Instances started together seed one after another: the second finds the demo there.
  const users = await oneInstanceAtATime(seedDemo);
  const how = (user: (typeof users)[number]) =>
    user.password ?? `Single Sign On, then ${user.idpPassword} at the demo identity provider`;
  const lines = users.map((user) => {
    const alsoAs = user.upn ? ` (or type the UPN ${user.upn})` : '';
    return `  ${user.email.padEnd(22)} ${how(user)}${alsoAs}`;
  });
  console.log(`\n${config.productName} demo at ${config.baseUrl}\nDemo sign-ins:\n${lines.join('\n')}\n`);
}
