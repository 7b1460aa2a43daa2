import 'server-only';
import { isAPIError } from 'better-auth/api';
import type { Credentials, SessionView } from '@/machines/journeyTypes';
import { auth } from './auth';
import { inboxCounts } from './inbox';

async function viewOf(user: { id: string; name: string; email: string }): Promise<SessionView> {
  return { user: { name: user.name, email: user.email }, inbox: await inboxCounts(user.id) };
}

/** The signed-in user's view for this request's session cookie, or null when there is no live session. */
export async function currentSessionView(headers: Headers): Promise<SessionView | null> {
  const found = await auth().api.getSession({ headers, query: { disableCookieCache: true } });
  return found ? viewOf(found.user) : null;
}

export type SignInResult =
  | { ok: true; view: SessionView; cookies: string[] }
  | { ok: false; reason: 'invalidCredentials' };

/** Checks the password and opens a server-side session; an unknown email and a wrong password look the same. */
export async function signInWithPassword(credentials: Credentials, headers: Headers): Promise<SignInResult> {
  try {
    const { headers: answerHeaders, response } = await auth().api.signInEmail({
      body: { email: credentials.email, password: credentials.password, rememberMe: true },
      headers,
      returnHeaders: true,
    });
    return { ok: true, cookies: answerHeaders.getSetCookie(), view: await viewOf(response.user) };
  } catch (error) {
    if (isAPIError(error) && (error.status === 'UNAUTHORIZED' || error.status === 'BAD_REQUEST')) {
      return { ok: false, reason: 'invalidCredentials' };
    }
    throw error;
  }
}

/** Ends the session on the server and returns the cookies that clear it in the browser. */
export async function signOut(headers: Headers): Promise<string[]> {
  const found = await auth().api.getSession({ headers, query: { disableCookieCache: true } });
  if (!found) return [];
  const { headers: answerHeaders } = await auth().api.signOut({ headers, returnHeaders: true });
  return answerHeaders.getSetCookie();
}
