import { ssoCompletionSchema } from '@/server/credentials';
import { answer, problems, readJsonBody, refuseForeignOrigin } from '@/server/http';
import { takeRateLimit } from '@/server/rateLimit';
import { completeSso } from '@/server/sso';

/** The completeSso actor: redeems what the provider sent back and opens the session. */
export async function POST(request: Request) {
  const refused = refuseForeignOrigin(request);
  if (refused) return refused;
  const waitSeconds = takeRateLimit('sso', request.headers);
  if (waitSeconds !== null) return problems.rateLimited(waitSeconds);
  const body = await readJsonBody(request, ssoCompletionSchema);
  if (!body.ok) return body.response;
  const completed = await completeSso(body.value.query, request.headers);
  if (!completed.ok) return problems.ssoFailed(completed.cookies);
  return answer({ session: completed.view }, 200, completed.cookies);
}
