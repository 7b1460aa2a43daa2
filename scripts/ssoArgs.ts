// The sso command's flags, checked: every wrong or missing one is named, with the usage.
import { parseArgs } from 'node:util';
import { isAccountNumberFormat } from '@/machines/journeyTypes';

const usage = [
  'Usage: SSO_CLIENT_SECRET=<secret> npm run sso -- --account <number> --issuer <https URL> --client-id <id> [--sso-only] [--logout-at-provider]',
  '       npm run sso -- --account <number> --disable',
].join('\n');

/** What the administrator asked for: switch an account's SSO on (with its provider), or off. */
export type SsoCommand =
  | {
      account: string;
      disable: false;
      issuer: string;
      clientId: string;
      clientSecret: string;
      ssoOnly: boolean;
      logoutAtProvider: boolean;
    }
  | { account: string; disable: true };

/**
 * Reads the command line and the environment. The client secret comes from SSO_CLIENT_SECRET, never from a
 * flag: a command line is seen by every user of the machine and kept in shell history (toward ASVS 5.0 V13.3).
 */
export function parseSsoCommand(argv: string[], env: Record<string, string | undefined>): SsoCommand {
  let values: {
    account?: string;
    issuer?: string;
    'client-id'?: string;
    'sso-only'?: boolean;
    'logout-at-provider'?: boolean;
    disable?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        account: { type: 'string' },
        issuer: { type: 'string' },
        'client-id': { type: 'string' },
        'sso-only': { type: 'boolean' },
        'logout-at-provider': { type: 'boolean' },
        disable: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${usage}`);
  }
  const account = values.account?.trim() ?? '';
  if (!isAccountNumberFormat(account))
    throw new Error(`--account must be an account number (4 to 12 digits)\n${usage}`);
  if (values.disable) {
    if (values.issuer || values['client-id'] || values['sso-only'] || values['logout-at-provider']) {
      throw new Error(`--disable takes no other setting\n${usage}`);
    }
    return { account, disable: true };
  }
  const issuer = values.issuer?.trim() ?? '';
  if (!issuer) throw new Error(`--issuer is required: the provider's issuer URL\n${usage}`);
  const clientId = values['client-id']?.trim() ?? '';
  if (!clientId || clientId.length > 255)
    throw new Error(`--client-id is required (at most 255 characters)\n${usage}`);
  const clientSecret = env.SSO_CLIENT_SECRET ?? '';
  if (!clientSecret)
    throw new Error(`SSO_CLIENT_SECRET must hold the client secret the provider issued\n${usage}`);
  return {
    account,
    disable: false,
    issuer,
    clientId,
    clientSecret,
    ssoOnly: values['sso-only'] === true,
    logoutAtProvider: values['logout-at-provider'] === true,
  };
}
