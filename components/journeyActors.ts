import { fromPromise } from 'xstate';
import { type Credentials, JourneyFailure, type SessionView } from '@/machines/journeyTypes';

type SessionAnswer = { session: SessionView | null };

/** One call to the session API; every failure becomes a JourneyFailure the machine understands. */
async function callSessionApi(init: RequestInit, signal: AbortSignal): Promise<SessionAnswer> {
  let response: Response;
  try {
    response = await fetch('/api/session', {
      ...init,
      signal,
      cache: 'no-store',
      credentials: 'same-origin',
      headers: init.body ? { 'Content-Type': 'application/json' } : undefined,
    });
  } catch {
    throw new JourneyFailure('unavailable');
  }
  if (response.status === 401) throw new JourneyFailure('invalidCredentials');
  if (!response.ok) throw new JourneyFailure('unavailable');
  return (await response.json()) as SessionAnswer;
}

/** The real implementations of the machine's actors in the browser. */
export const journeyActors = {
  loadSession: fromPromise<SessionView | null>(async ({ signal }) => {
    return (await callSessionApi({ method: 'GET' }, signal)).session;
  }),
  signIn: fromPromise<SessionView, Credentials>(async ({ input, signal }) => {
    const { session } = await callSessionApi({ method: 'POST', body: JSON.stringify(input) }, signal);
    if (!session) throw new JourneyFailure('unavailable');
    return session;
  }),
  signOut: fromPromise<void>(async ({ signal }) => {
    await callSessionApi({ method: 'DELETE' }, signal);
  }),
};
