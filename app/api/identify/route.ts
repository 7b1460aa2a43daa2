import { identifySchema } from '@/server/credentials';
import { answer, problems, readJourneyPost, whileDatabaseAnswers } from '@/server/http';
import { findIdentity, nextStepFor } from '@/server/identify';

/** The identify actor: which step follows this email (and account number). */
export const POST = whileDatabaseAnswers(async (request: Request) => {
  const body = await readJourneyPost(request, 'identify', identifySchema);
  if (!body.ok) return body.response;
  const next = await nextStepFor(await findIdentity(body.value.email, body.value.accountNumber));
  return next === 'mismatch' ? problems.accountNumberMismatch() : answer(next);
});
