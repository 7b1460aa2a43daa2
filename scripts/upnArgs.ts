// The upn command's flags, checked: every wrong or missing one is named, with the usage.
import { parseArgs } from 'node:util';
import { isEmailFormat } from '@/machines/journeyTypes';

const usage = 'Usage: npm run upn -- --email <the user’s email> --upn <their User Principal Name>';

/** The user (by email) and the User Principal Name they sign in with. */
export type UpnCommand = { email: string; upn: string };

/** Reads the command line: both names must have an email's shape, as a UPN does (name@domain). */
export function parseUpnCommand(argv: string[]): UpnCommand {
  let values: { email?: string; upn?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { email: { type: 'string' }, upn: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${usage}`);
  }
  const email = values.email?.trim() ?? '';
  if (!isEmailFormat(email)) throw new Error(`--email must be the user's email address\n${usage}`);
  const upn = values.upn?.trim() ?? '';
  if (!isEmailFormat(upn))
    throw new Error(`--upn must be a User Principal Name, such as name@tenant.example\n${usage}`);
  return { email, upn };
}
