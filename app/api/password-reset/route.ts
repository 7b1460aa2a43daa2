import { newPasswordSchema } from '@/server/credentials';
import { answer, problems, readJourneyPost, whileDatabaseAnswers } from '@/server/http';
import { resetPassword } from '@/server/passwordReset';

/** The resetPassword actor: sets the new password with the link's token; it signs nobody in. */
export const POST = whileDatabaseAnswers(async (request: Request) => {
  const body = await readJourneyPost(request, 'resetLink', newPasswordSchema);
  if (!body.ok) return body.response;
  const result = await resetPassword(body.value.token, body.value.password, request.headers);
  return result.ok ? answer({ reset: true }) : problems[result.reason]();
});
