// Runs the demo identity provider on loopback, with the demo data's SSO people in its directory.
import { startIdentityProvider } from '@/idp/identityProvider';
import { idpSettings } from '@/idp/settings';
import { IdpDirectory } from '@/idp/users';
import { type DemoUser, demoUsers } from '@/server/demoData';

const directory = new IdpDirectory(idpSettings.databaseFile);
const people: DemoUser[] = Object.values(demoUsers);
for (const user of people) {
  if (user.idpPassword)
    await directory.add({ email: user.email, name: user.name, password: user.idpPassword, upn: user.upn });
}
await startIdentityProvider(
  { issuer: idpSettings.issuer, client: idpSettings.client, directory },
  { port: idpSettings.port, hostname: idpSettings.hostname },
);
console.log(
  `Demo identity provider at ${idpSettings.issuer} (for ${idpSettings.client.redirectUris.join(', ')})`,
);
