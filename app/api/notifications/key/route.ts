import { answer, problems, whileDatabaseAnswers } from '@/server/http';
import { vapidKeys } from '@/server/notifications/vapidKeys';
import { currentSession } from '@/server/session';

/** The public key a signed-in browser subscribes to push messages with (the Push API's applicationServerKey). */
export const GET = whileDatabaseAnswers(async (request: Request) => {
  if (!(await currentSession(request.headers))) return problems.notSignedIn();
  return answer({ publicKey: (await vapidKeys()).publicKey });
});
