import { answer, problem, problems, readJsonBody, refuseForeignOrigin } from '@/server/http';
import { hasAcceptedLicence } from '@/server/licence';
import { keepSubscription, pushSubscriptionSchema } from '@/server/notifications/pushSubscriptions';
import { currentSession } from '@/server/session';

/**
 * Keeps this browser's push subscription for the signed-in session: what arrives while no page is open is pushed
 * to it, until the session ends. Only endpoints on known push services, only keys of the sizes RFC 8291 gives.
 */
export async function POST(request: Request) {
  const refused = refuseForeignOrigin(request);
  if (refused) return refused;
  const current = await currentSession(request.headers);
  if (!current) return problems.notSignedIn();
  if (!(await hasAcceptedLicence(current.user.id)))
    return problem(403, 'LICENCE_NOT_ACCEPTED', 'Accept the licence agreement first.');
  const body = await readJsonBody(request, pushSubscriptionSchema);
  if (!body.ok) return body.response;
  const kept = await keepSubscription({ sessionId: current.sessionId, userId: current.user.id }, body.value);
  if (!kept) return problem(409, 'SUBSCRIPTION_TAKEN', 'This push subscription belongs to someone else.');
  return answer({ subscribed: true }, 201);
}
