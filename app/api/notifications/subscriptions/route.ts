import { answer, problem, problems, readJourneyPost, whileDatabaseAnswers } from '@/server/http';
import { hasAcceptedLicence } from '@/server/licence';
import { keepSubscription, pushSubscriptionSchema } from '@/server/notifications/pushSubscriptions';
import { currentSession } from '@/server/session';

/**
 * Keeps this browser's push subscription for the signed-in session: what arrives while no page is open is pushed
 * to it, until the session ends; one per session. Only endpoints on known push services, only keys of the sizes
 * RFC 8291 gives, from the app's own pages, within this client's limit.
 */
export const POST = whileDatabaseAnswers(async (request: Request) => {
  const current = await currentSession(request.headers);
  if (!current) return problems.notSignedIn();
  const body = await readJourneyPost(request, 'pushSubscription', pushSubscriptionSchema);
  if (!body.ok) return body.response;
  if (!(await hasAcceptedLicence(current.user.id)))
    return problem(403, 'LICENCE_NOT_ACCEPTED', 'Accept the licence agreement first.');
  const kept = await keepSubscription({ sessionId: current.sessionId, userId: current.user.id }, body.value);
  // The session ended while it asked (a logout in another tab): nothing is kept for it.
  if (!kept) return problems.notSignedIn();
  return answer({ subscribed: true }, 201);
});
