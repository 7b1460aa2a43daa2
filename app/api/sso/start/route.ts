import { identifySchema } from '@/server/credentials';
import { answer, problems, readJsonBody, refuseForeignOrigin } from '@/server/http';
import { takeRateLimit } from '@/server/rateLimit';
import { startSso } from '@/server/sso';

/** The startSso actor: where to send the browser to sign in at the account's identity provider. */
export async function POST(request: Request) {
  const refused = refuseForeignOrigin(request);
  if (refused) return refused;
  const waitSeconds = takeRateLimit('sso', request.headers);
  if (waitSeconds !== null) return problems.rateLimited(waitSeconds);
  const body = await readJsonBody(request, identifySchema);
  if (!body.ok) return body.response;
  const started = await startSso(body.value.email, body.value.accountNumber);
  return started.ok ? answer({ url: started.url }, 200, started.cookies) : problems.ssoFailed();
}
