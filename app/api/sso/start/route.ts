import { identifySchema } from '@/server/credentials';
import { answer, problems, readJourneyPost, whileDatabaseAnswers } from '@/server/http';
import { startSso } from '@/server/sso';

/** The startSso actor: where to send the browser to sign in at the account's identity provider. */
export const POST = whileDatabaseAnswers(async (request: Request) => {
  const body = await readJourneyPost(request, 'sso', identifySchema);
  if (!body.ok) return body.response;
  const started = await startSso(body.value.email, body.value.accountNumber, request.headers);
  return started.ok ? answer({ url: started.url }, 200, started.cookies) : problems.ssoFailed();
});
