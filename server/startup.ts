import 'server-only';
import { config } from './config';
import { migrate } from './migrations';
import { seedDemo } from './seed';

/** Migrates the database and, in the demo, seeds SPEC's users and prints how to sign in. */
export async function prepareServer(): Promise<void> {
  await migrate();
  if (!config.seedDemo) return;
  const users = await seedDemo();
  const lines = users.map((user) => `  ${user.email.padEnd(20)} ${user.password}`);
  console.log(`\n${config.productName} demo at ${config.baseUrl}\nDemo sign-ins:\n${lines.join('\n')}\n`);
}
