// npm run upn -- --email linus@globex.test --upn linus@globex.onmicrosoft.test: the name an Azure user signs in with.
import { parseUpnCommand, type UpnCommand } from './upnArgs';

let command: UpnCommand;
try {
  command = parseUpnCommand(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const { migrate } = await import('@/server/migrations');
const { recordPrincipalName } = await import('@/server/principalNames');
await migrate();
const recorded = await recordPrincipalName(command.email, command.upn);
if (!recorded.ok) {
  const why = {
    noSuchUser: `No user has the email ${command.email}.`,
    nameIsAnEmail: `${command.upn} is a user's email: a UPN must name one user only.`,
    nameTaken: `${command.upn} is already another user's UPN.`,
  };
  console.error(why[recorded.problem]);
  process.exit(1);
}
const replaced = recorded.replaced ? ` (it replaces ${recorded.replaced})` : '';
console.log(`${command.email} signs in as ${command.upn.toLowerCase()} too${replaced}.`);
process.exit(0);
