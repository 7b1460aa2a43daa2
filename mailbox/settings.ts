// The demo mailbox's settings, from the environment, each checked once with a message that names it.
import path from 'node:path';
import { demoMailbox } from '@/server/demoData';

const raw = demoMailbox.port();
const port = Number(raw);
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  throw new Error(`MAILBOX_PORT must be a port number (1 to 65535), got "${raw}"`);
}

export const mailboxSettings = {
  port,
  /** Loopback only: nobody else can send through it or read it. */
  hostname: '127.0.0.1',
  dir: path.resolve(process.env.MAILBOX_DIR ?? path.join(process.env.DATA_DIR ?? '.data', 'mailbox')),
} as const;
