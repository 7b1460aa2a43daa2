import { resetRequestSchema } from '@/server/credentials';
import { afterAnswer, answer, readJourneyPost, whileDatabaseAnswers } from '@/server/http';
import { requestPasswordReset } from '@/server/passwordReset';

/**
 * The requestReset actor. The answer is sent before any work on the email is done, so it is the
 * same, in words and in time, whether or not the email is a user's (ASVS 5.0 V6.3.8).
 */
export const POST = whileDatabaseAnswers(async (request: Request) => {
  const body = await readJourneyPost(request, 'resetRequest', resetRequestSchema);
  if (!body.ok) return body.response;
  afterAnswer(() => requestPasswordReset(body.value.email, request.headers));
  return answer({ requested: true }, 202);
});
