// The deliver command's flags, checked: every wrong or missing one is named, with the usage.
import { parseArgs } from 'node:util';
import type { InboxKind } from '@/server/database';

const kinds: Record<string, InboxKind> = {
  'missed-call': 'missedCall',
  message: 'message',
  'meeting-invitation': 'meetingInvitation',
};
const defaultSummaries: Record<InboxKind, string> = {
  missedCall: 'A call you missed',
  message: 'A new message',
  meetingInvitation: 'An invitation to a meeting',
};
const usage = `Usage: npm run deliver -- --to <email> --kind <${Object.keys(kinds).join('|')}> [--summary <text>]`;

export type Delivery = { to: string; kind: InboxKind; summary: string };

/** Reads the command line; a wrong or missing flag is an Error whose message says which, with the usage. */
export function parseDelivery(argv: string[]): Delivery {
  let values: { to?: string; kind?: string; summary?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { to: { type: 'string' }, kind: { type: 'string' }, summary: { type: 'string' } },
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
  const summary = values.summary?.trim() || defaultSummaries[kind];
  if (summary.length > 200) throw new Error(`--summary must be at most 200 characters\n${usage}`);
  return { to, kind, summary };
}
