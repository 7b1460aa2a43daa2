// npm run sso -- --account 300400 --issuer https://idp.example --client-id relay: an account's Single Sign-On.
import { runAdminCommand } from './adminCommand';
import { parseSsoCommand } from './ssoArgs';

await runAdminCommand(
  () => parseSsoCommand(process.argv.slice(2), process.env),
  async (command) => {
    const { accountByNumber } = await import('@/server/accounts');
    const { applySsoCommand } = await import('@/server/ssoSettings');
    const account = await accountByNumber(command.account);
    if (!account) throw new Error(`No customer account has the number ${command.account}.`);
    return applySsoCommand(account, command);
  },
);
