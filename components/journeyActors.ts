import { fromPromise } from 'xstate';
import {
  type Credentials,
  type FailureCode,
  type Identification,
  type IdentifyInput,
  JourneyFailure,
  type PermissionAnswer,
  type SessionCheck,
  type SessionView,
  type SignOutAnswer,
  type SsoRedirect,
} from '@/machines/journeyTypes';

/** The server's error codes the machine tells apart; every other failure means "unavailable". */
const failureByServerCode: Record<string, FailureCode> = {
  INVALID_CREDENTIALS: 'invalidCredentials',
  ACCOUNT_NUMBER_MISMATCH: 'accountNumberMismatch',
  LOCKED_OUT: 'lockedOut',
  RATE_LIMITED: 'rateLimited',
  SSO_FAILED: 'ssoFailed',
  RESET_LINK_INVALID: 'resetLinkInvalid',
  PASSWORD_TOO_COMMON: 'passwordTooCommon',
};

/** One call to the journey's API; every failure becomes a JourneyFailure the machine understands. */
async function callApi<T>(path: string, method: string, body: unknown, signal: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal,
      cache: 'no-store',
      credentials: 'same-origin',
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new JourneyFailure('unavailable');
  }
  if (response.ok) return (await response.json()) as T;
  const answer = (await response.json().catch(() => null)) as {
    error?: { code?: string; retryAt?: string };
  } | null;
  const code = failureByServerCode[answer?.error?.code ?? ''] ?? 'unavailable';
  throw new JourneyFailure(code, answer?.error?.retryAt ?? null);
}

async function signedInView(answer: Promise<{ session: SessionView | null }>): Promise<SessionView> {
  const { session } = await answer;
  if (!session) throw new JourneyFailure('unavailable');
  return session;
}

/**
 * What the sign-out answered, read with care: only an http(s) address is ever visited, and an answer that names
 * a visit it does not spell out says the provider did not confirm, never that there was nothing more to do.
 */
function signOutAnswerFrom(answer: { providerSignOut?: unknown }): SignOutAnswer {
  const { providerSignOut } = answer;
  if (providerSignOut === null || providerSignOut === undefined) return { providerSignOut: null };
  const { url, state } = providerSignOut as { url?: unknown; state?: unknown };
  const visit = typeof url === 'string' && /^https?:\/\//.test(url) && typeof state === 'string' && state;
  return visit ? { providerSignOut: { url, state } } : { providerSignOut: 'failed' };
}

/** The real implementations of the machine's actors in the browser. */
export function journeyActors({ licenceVersion }: { licenceVersion: string }) {
  return {
    loadSession: fromPromise<SessionCheck>(({ signal }) => callApi('/api/session', 'GET', undefined, signal)),
    identify: fromPromise<Identification, IdentifyInput>(({ input, signal }) =>
      callApi('/api/identify', 'POST', input, signal),
    ),
    signIn: fromPromise<SessionView, Credentials>(({ input, signal }) =>
      signedInView(callApi('/api/session', 'POST', input, signal)),
    ),
    acceptLicence: fromPromise<SessionView>(({ signal }) =>
      signedInView(callApi('/api/licence', 'POST', { version: licenceVersion }, signal)),
    ),
    signOut: fromPromise<SignOutAnswer>(async ({ signal }) =>
      signOutAnswerFrom(await callApi('/api/session', 'DELETE', undefined, signal)),
    ),
    startSso: fromPromise<SsoRedirect, IdentifyInput>(({ input, signal }) =>
      callApi('/api/sso/start', 'POST', input, signal),
    ),
    completeSso: fromPromise<SessionView, { query: string }>(({ input, signal }) =>
      signedInView(callApi('/api/sso/complete', 'POST', input, signal)),
    ),
    requestReset: fromPromise<void, { email: string }>(async ({ input, signal }) => {
      await callApi('/api/password-reset/request', 'POST', input, signal);
    }),
    checkResetLink: fromPromise<void, { token: string }>(async ({ input, signal }) => {
      await callApi('/api/password-reset/check', 'POST', input, signal);
    }),
    resetPassword: fromPromise<void, { token: string; password: string }>(async ({ input, signal }) => {
      await callApi('/api/password-reset', 'POST', input, signal);
    }),
    // The key push messages will be signed with comes first (only a signed-in user gets it); then the browser's
    // own prompt, still within the click's user activation. Its "default" is a prompt closed without a choice.
    askNotificationPermission: fromPromise<PermissionAnswer>(async ({ signal }) => {
      await callApi<{ publicKey: string }>('/api/notifications/key', 'GET', undefined, signal);
      const answer = await Notification.requestPermission();
      return answer === 'default' ? 'dismissed' : answer;
    }),
  };
}
