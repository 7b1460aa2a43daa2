import { identifySchema } from '@/server/credentials';
import { answer, problems, readJsonBody, refuseForeignOrigin } from '@/server/http';
import { findIdentity, nextStepFor } from '@/server/identify';
import { takeRateLimit } from '@/server/rateLimit';

/** The identify actor: which step follows this email (and account number). */
export async function POST(request: Request) {
  const refused = refuseForeignOrigin(request);
  if (refused) return refused;
  const waitSeconds = takeRateLimit('identify', request.headers);
  if (waitSeconds !== null) return problems.rateLimited(waitSeconds);
  const body = await readJsonBody(request, identifySchema);
  if (!body.ok) return body.response;
  const next = await nextStepFor(await findIdentity(body.value.email, body.value.accountNumber));
  return next === 'mismatch' ? problems.accountNumberMismatch() : answer(next);
}
