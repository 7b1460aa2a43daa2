// The demo's mailbox: a real SMTP server on loopback that keeps every message it is sent, as a file.
import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const MAX_MESSAGE_BYTES = 1024 * 1024;

export type CapturedMail = { file: string; to: string[]; subject: string; text: string };

export type RunningMailCapture = { port: number; close: () => Promise<void> };

/** Where the mails to one address are kept: a folder of its own, so a reader never opens anyone else's. */
export function mailFolder(dir: string, address: string): string {
  return path.join(dir, encodeURIComponent(address.trim().toLowerCase()));
}

/** Starts the capture: each message is kept as an .eml file per recipient, then handed to `onMail`. */
export async function startMailCapture({
  port,
  hostname,
  dir,
  onMail = () => {},
}: {
  port: number;
  hostname: string;
  dir: string;
  onMail?: (mail: CapturedMail) => void;
}): Promise<RunningMailCapture> {
  mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    // Loopback only, for the demo and the tests: no TLS to set up, no sign-in to ask for.
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(
            Object.assign(new Error('The message is too large for the demo mailbox'), { responseCode: 552 }),
          );
          return;
        }
        const raw = Buffer.concat(chunks);
        // Time first, so that a folder listing is in the order the mails arrived.
        const name = `${Date.now()}-${randomUUID()}.eml`;
        let file = '';
        for (const recipient of session.envelope.rcptTo) {
          const folder = mailFolder(dir, recipient.address);
          mkdirSync(folder, { recursive: true });
          file = path.join(folder, name);
          // Written aside, then renamed: a reader never sees half a mail (a rename within a folder is atomic).
          writeFileSync(`${file}.part`, raw);
          renameSync(`${file}.part`, file);
        }
        simpleParser(raw)
          .then((parsed) => {
            const to = [parsed.to ?? []]
              .flat()
              .flatMap((address) => address.value.map((one) => one.address ?? ''));
            onMail({ file, to, subject: parsed.subject ?? '', text: parsed.text ?? '' });
          })
          .catch(() => {});
        callback();
      });
    },
  });
  // A dropped connection is the client's business: the mailbox logs it and goes on serving.
  server.on('error', (error) => console.error(`demo mailbox: ${error.message}`));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, hostname, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
