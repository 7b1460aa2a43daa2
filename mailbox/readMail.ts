// For the tests: the mail the capture received, parsed as a mail client would (quoted-printable and all).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { mailFolder } from './mailCapture';

export type ReceivedMail = { to: string[]; subject: string; text: string; html: string; links: string[] };

async function parse(file: string): Promise<ReceivedMail> {
  const parsed = await simpleParser(readFileSync(file));
  const to = [parsed.to ?? []].flat().flatMap((address) => address.value.map((one) => one.address ?? ''));
  const text = parsed.text ?? '';
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  const links = [...new Set([...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((match) => match[0]))];
  return { to, subject: parsed.subject ?? '', text, html, links };
}

/** The files of every mail the capture holds for this address, oldest first. */
function mailFiles(dir: string, address: string): string[] {
  const folder = mailFolder(dir, address);
  try {
    return readdirSync(folder)
      .filter((name) => name.endsWith('.eml'))
      .sort()
      .map((name) => path.join(folder, name));
  } catch {
    return [];
  }
}

/** How many mails the capture holds for this address. */
export const mailCount = (dir: string, address: string) => mailFiles(dir, address).length;

/** Every mail the capture holds for this address, oldest first. */
export async function mailTo(dir: string, address: string): Promise<ReceivedMail[]> {
  return Promise.all(mailFiles(dir, address).map(parse));
}

/** Waits for the n-th mail to this address (1: the first), up to the timeout; only that one is parsed. */
export async function waitForMail(
  dir: string,
  address: string,
  count = 1,
  timeoutMs = 10_000,
): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = mailFiles(dir, address);
    const wanted = files[count - 1];
    if (wanted) return parse(wanted);
    if (Date.now() > deadline)
      throw new Error(`no mail #${count} to ${address} within ${timeoutMs} ms (${files.length} arrived)`);
    // A folder listing is cheap: look often, so that a test waits on the mail, not on the clock.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
