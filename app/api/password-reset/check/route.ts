import { resetLinkSchema } from '@/server/credentials';
import { answer, problems, readJourneyPost, whileDatabaseAnswers } from '@/server/http';
import { isResetLinkValid } from '@/server/passwordReset';

/** The checkResetLink actor: does the link from the mail still work? */
export const POST = whileDatabaseAnswers(async (request: Request) => {
  const body = await readJourneyPost(request, 'resetLink', resetLinkSchema);
  if (!body.ok) return body.response;
  return (await isResetLinkValid(body.value.token)) ? answer({ valid: true }) : problems.resetLinkInvalid();
});
