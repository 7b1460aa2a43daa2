import { credentialsSchema } from '@/server/credentials';
import { answer, problems, readJourneyPost, refuseForeignOrigin, whileDatabaseAnswers } from '@/server/http';
import { checkSession, signInWithPassword, signOut } from '@/server/session';

/**
 * The journey's session actors: GET checks it, POST signs in with a password, DELETE signs out (and says whether
 * the browser goes on to sign out at the identity provider).
 */
export const GET = whileDatabaseAnswers(async (request: Request) => {
  return answer(await checkSession(request.headers));
});

export const POST = whileDatabaseAnswers(async (request: Request) => {
  const body = await readJourneyPost(request, 'signIn', credentialsSchema);
  if (!body.ok) return body.response;
  const result = await signInWithPassword(body.value, request.headers);
  if (result.ok) return answer({ session: result.view }, 200, result.cookies);
  if (result.reason === 'lockedOut') return problems.lockedOut(result.retryAt);
  return problems[result.reason]();
});

export const DELETE = whileDatabaseAnswers(async (request: Request) => {
  const refused = refuseForeignOrigin(request);
  if (refused) return refused;
  const { cookies, answer: signedOut } = await signOut(request.headers);
  return answer({ session: null, ...signedOut }, 200, cookies);
});
