import 'server-only';
import { z } from 'zod';
import { EMAIL_MAX_LENGTH } from '@/machines/journeyTypes';

/** The sign-in body; the same limits the better-auth options set. */
export const credentialsSchema = z.strictObject({
  email: z
    .string()
    .trim()
    .max(EMAIL_MAX_LENGTH, 'must be at most 254 characters')
    .pipe(z.email('must be an email address')),
  password: z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters'),
});
