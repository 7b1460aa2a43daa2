import 'server-only';
import { RESET_LINK_TTL_MINUTES } from '@/machines/journeyTypes';
import { config } from './config';
import type { Mail } from './mail';

export const RESET_LINK_TTL_SECONDS = RESET_LINK_TTL_MINUTES * 60;

/** The reset link: built from BASE_URL, never from a request's Host header (no poisoned links). */
export function resetLinkFor(token: string): string {
  const link = new URL('/reset-password', config.baseUrl);
  link.searchParams.set('token', token);
  return link.href;
}

export function resetMail(user: { name: string; email: string }, token: string): Mail {
  const product = config.productName;
  return {
    to: user.email,
    subject: `Reset your ${product} password`,
    text: [
      `Hello ${user.name},`,
      '',
      `Someone (we hope you) asked to reset the password of your ${product} account. To choose a new one, open:`,
      '',
      resetLinkFor(token),
      '',
      `The link works once, for ${RESET_LINK_TTL_MINUTES} minutes. If you did not ask for it, ignore this mail:`,
      'your password stays as it is.',
    ].join('\n'),
  };
}

export function passwordChangedMail(user: { name: string; email: string }): Mail {
  const product = config.productName;
  return {
    to: user.email,
    subject: `Your ${product} password was changed`,
    text: [
      `Hello ${user.name},`,
      '',
      `The password of your ${product} account was just changed, and every device signed in with it was signed out.`,
      'If this was not you, contact your IT administrator at once.',
    ].join('\n'),
  };
}
