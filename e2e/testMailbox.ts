import { mailCount, waitForMail } from '@/mailbox/readMail';

/**
 * The mail a test's people receive, read from the demo mailbox that the real SMTP server wrote: the reset
 * links in the order they came, each opened once.
 */
export class TestMailbox {
  private readonly opened = new Set<string>();
  private lastToken = '';

  constructor(private readonly dir: string) {}

  /** The next reset link to this address that this test has not opened yet, waiting for its mail. */
  async nextResetLink(address: string): Promise<string> {
    for (let count = 1; ; count += 1) {
      const mail = await waitForMail(this.dir, address, count);
      const link = mail.links.find((candidate) => new URL(candidate).pathname === '/reset-password');
      if (link && !this.opened.has(link)) {
        this.opened.add(link);
        this.lastToken = new URL(link).searchParams.get('token') ?? '';
        return link;
      }
    }
  }

  /** How many mails this address has received. */
  countTo(address: string): number {
    return mailCount(this.dir, address);
  }

  /** Waits for a mail with a reset link among those after the first `count` (a "password changed" mail has none). */
  async waitForResetLinkAfter(address: string, count: number): Promise<void> {
    for (let next = count + 1; ; next += 1) {
      const mail = await waitForMail(this.dir, address, next);
      if (mail.links.some((link) => new URL(link).pathname === '/reset-password')) return;
    }
  }

  /** The token of the link opened last. */
  get currentToken(): string {
    if (!this.lastToken) throw new Error('no reset link was opened in this test');
    return this.lastToken;
  }
}
