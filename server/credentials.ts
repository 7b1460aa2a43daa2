import 'server-only';
import { z } from 'zod';
import {
  ACCOUNT_NUMBER_FORMAT,
  EMAIL_MAX_LENGTH,
  NEW_PASSWORD_MAX_LENGTH,
  NEW_PASSWORD_MIN_LENGTH,
  PROVIDER_QUERY_MAX_LENGTH,
} from '@/machines/journeyTypes';

const email = z
  .string()
  .trim()
  .max(EMAIL_MAX_LENGTH, 'must be at most 254 characters')
  .pipe(z.email('must be an email address'));

const accountNumber = z
  .string()
  .trim()
  .regex(ACCOUNT_NUMBER_FORMAT, 'must be 4 to 12 digits')
  .nullable()
  .default(null);

/** The identify step's body: an email, and the account number when the browser was asked for one. */
export const identifySchema = z.strictObject({ email, accountNumber });

/** The sign-in body; the same limits the better-auth options set. */
export const credentialsSchema = z.strictObject({
  email,
  password: z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters'),
  accountNumber,
});

/** Accepting the licence names the version the user was shown. */
export const licenceAcceptanceSchema = z.strictObject({ version: z.string().min(1).max(32) });

/** Finishing SSO hands over the query the provider sent the browser back with, as it came. */
export const ssoCompletionSchema = z.strictObject({
  query: z.string().min(1, 'must not be empty').max(PROVIDER_QUERY_MAX_LENGTH, 'is too long'),
});

/** Asking for a reset link names the email only. */
export const resetRequestSchema = z.strictObject({ email });

// Any token up to a sane length is heard out: one the server never made is a link that does not work (410).
const resetToken = z.string().max(256, 'is too long');

/** Checking a reset link: its token. */
export const resetLinkSchema = z.strictObject({ token: resetToken });

/** Setting the new password: the link's token and the password (ASVS 5.0 V6.2: length only, no composition). */
export const newPasswordSchema = z.strictObject({
  token: resetToken,
  password: z
    .string()
    .min(NEW_PASSWORD_MIN_LENGTH, `must be at least ${NEW_PASSWORD_MIN_LENGTH} characters`)
    .max(NEW_PASSWORD_MAX_LENGTH, `must be at most ${NEW_PASSWORD_MAX_LENGTH} characters`),
});
