import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { config } from './config';
import { logOperationalEvent } from './log';

export type Mail = { to: string; subject: string; text: string };

let transport: Transporter | undefined;

/** The SMTP URL with connection, greeting and socket timeouts, unless it sets its own (nodemailer reads them there). */
function withTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  const timeouts = { connectionTimeout: '10000', greetingTimeout: '10000', socketTimeout: '20000' };
  for (const [name, milliseconds] of Object.entries(timeouts)) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, milliseconds);
  }
  return url.href;
}

/**
 * Sends a plain-text mail over SMTP (nodemailer, SMTP_URL). Without SMTP_URL nothing can be sent: that is
 * logged, never shown to the user, whose answer must not depend on it.
 */
export async function sendMail(mail: Mail): Promise<boolean> {
  const smtpUrl = config.smtpUrl;
  if (!smtpUrl) {
    logOperationalEvent({ event: 'mail.not_sent', reason: 'SMTP_URL is not set', subject: mail.subject });
    return false;
  }
  // Seconds, not nodemailer's minutes: a mail server that does not answer must not hold anything up for long.
  transport ??= nodemailer.createTransport(withTimeouts(smtpUrl));
  try {
    await transport.sendMail({ from: config.mailFrom, ...mail });
    return true;
  } catch (error) {
    logOperationalEvent({ event: 'mail.failed', subject: mail.subject, error: (error as Error).message });
    return false;
  }
}
