import { licenceAcceptanceSchema } from '@/server/credentials';
import {
  answer,
  problem,
  problems,
  readJsonBody,
  refuseForeignOrigin,
  whileDatabaseAnswers,
} from '@/server/http';
import { acceptLicence, LICENCE_VERSION } from '@/server/licence';
import { currentSession, viewOf } from '@/server/session';

/** The version users accept now; any client may ask. */
export function GET() {
  return answer({ version: LICENCE_VERSION });
}

/** Accepts the licence for the signed-in user: the web with its cookie, other clients with a bearer token. */
export const POST = whileDatabaseAnswers(async (request: Request) => {
  const refused = refuseForeignOrigin(request);
  if (refused) return refused;
  const body = await readJsonBody(request, licenceAcceptanceSchema);
  if (!body.ok) return body.response;
  const current = await currentSession(request.headers);
  if (!current) return problems.notSignedIn();
  if (body.value.version !== LICENCE_VERSION) {
    return problem(
      409,
      'LICENCE_VERSION_CHANGED',
      `The licence is now version ${LICENCE_VERSION}: read it again.`,
    );
  }
  const client = request.headers.get('authorization')?.startsWith('Bearer ') ? 'mobile' : 'web';
  await acceptLicence(current.user.id, client);
  return answer({ session: await viewOf(current.user, current.account) });
});
