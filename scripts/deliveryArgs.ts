// The deliver command's flags, checked: every wrong or missing one is named, with the usage.
import { parseArgs } from 'node:util';
import type { InboxKind } from '@/server/database';

const kinds: Record<string, InboxKind> = {
  'missed-call': 'missedCall',
  message: 'message',
  'meeting-invitation': 'meetingInvitation',
};
/** How the user is told of each kind, before who it is from. */
const leads: Record<InboxKind, string> = {
  missedCall: 'Missed call',
  message: 'New message',
  meetingInvitation: 'Meeting invitation',
};
const MAX_FROM_LENGTH = 80;
const usage = `Usage: npm run deliver -- --to <email> --kind <${Object.keys(kinds).join('|')}> [--from <name>]`;

export type Delivery = { to: string; kind: InboxKind; summary: string };

/** Reads the command line; a wrong or missing flag is an Error whose message says which, with the usage. */
export function parseDelivery(argv: string[]): Delivery {
  let values: { to?: string; kind?: string; from?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { to: { type: 'string' }, kind: { type: 'string' }, from: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${usage}`);
  }
  const to = values.to?.trim() ?? '';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(to)) throw new Error(`--to must be an email address\n${usage}`);
  const kind = kinds[values.kind ?? ''];
  if (!kind) throw new Error(`--kind must be one of ${Object.keys(kinds).join(', ')}\n${usage}`);
  const from = values.from?.trim() || 'a colleague';
  // The name is shown in a system notification: one line of words, no control characters.
  if (from.length > MAX_FROM_LENGTH || /\p{Cc}/u.test(from))
    throw new Error(`--from must be a name of at most ${MAX_FROM_LENGTH} characters on one line\n${usage}`);
  return { to, kind, summary: `${leads[kind]} from ${from}` };
}
