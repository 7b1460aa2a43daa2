// npm run upn -- --email linus@globex.test --upn linus@globex.onmicrosoft.test: the name an Azure user signs in with.
import { runAdminCommand } from './adminCommand';
import { parseUpnCommand } from './upnArgs';

await runAdminCommand(
  () => parseUpnCommand(process.argv.slice(2)),
  async ({ email, upn }) => {
    const { recordPrincipalName } = await import('@/server/principalNames');
    const recorded = await recordPrincipalName(email, upn);
    if (!recorded.ok) {
      const why = {
        noSuchUser: `No user has the email ${email}.`,
        nameIsAnEmail: `${upn} is a user's email: a UPN must name one user only.`,
        nameTaken: `${upn} is already another user's UPN.`,
      };
      throw new Error(why[recorded.problem]);
    }
    const replaced = recorded.replaced ? ` (it replaces ${recorded.replaced})` : '';
    return `${email} signs in as ${upn.toLowerCase()} too${replaced}.`;
  },
);
