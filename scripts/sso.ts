// npm run sso -- --account 300400 --issuer https://idp.example --client-id relay: an account's Single Sign-On.
import { parseSsoCommand, type SsoCommand } from './ssoArgs';

let command: SsoCommand;
try {
  command = parseSsoCommand(process.argv.slice(2), process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const { migrate } = await import('@/server/migrations');
const { accountByNumber } = await import('@/server/accounts');
const { applySsoCommand } = await import('@/server/ssoSettings');
await migrate();
const account = await accountByNumber(command.account);
if (!account) {
  console.error(`No customer account has the number ${command.account}.`);
  process.exit(1);
}
try {
  console.log(await applySsoCommand(account, command));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
process.exit(0);
