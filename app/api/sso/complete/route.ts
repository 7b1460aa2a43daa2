import { ssoCompletionSchema } from '@/server/credentials';
import { answer, problems, readJourneyPost, whileDatabaseAnswers } from '@/server/http';
import { completeSso } from '@/server/sso';

/** The completeSso actor: redeems what the provider sent back and opens the session. */
export const POST = whileDatabaseAnswers(async (request: Request) => {
  const body = await readJourneyPost(request, 'sso', ssoCompletionSchema);
  if (!body.ok) return body.response;
  const completed = await completeSso(body.value.query, request.headers);
  if (!completed.ok) return problems.ssoFailed(completed.cookies);
  return answer({ session: completed.view }, 200, completed.cookies);
});
