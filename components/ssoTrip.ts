import {
  isAccountNumberFormat,
  isEmailFormat,
  type NoticeCode,
  type ResumedSignIn,
  type SignOutTrip,
} from '@/machines/journeyTypes';
import { noticeMessages } from './messages';

// This tab's own storage: a trip to the provider and back happens in one tab.
const TRIP_KEY = 'relay.ssoTrip';
const SIGN_OUT_TRIP_KEY = 'relay.signOutTrip';

/** Takes what a trip kept, once: a second look finds nothing. */
function takeKept(key: string): unknown {
  const raw = sessionStorage.getItem(key);
  sessionStorage.removeItem(key);
  try {
    return JSON.parse(raw ?? 'null');
  } catch {
    return null;
  }
}

/** Keeps what the journey needs, then leaves for the identity provider. */
export function leaveForProvider(url: string, resume: ResumedSignIn): void {
  sessionStorage.setItem(TRIP_KEY, JSON.stringify(resume));
  window.location.assign(url);
}

/** What the journey kept before it left, taken once; anything else found there is ignored. */
export function takeKeptTrip(): ResumedSignIn | null {
  const { email, accountNumber, methods } = (takeKept(TRIP_KEY) ?? {}) as Partial<ResumedSignIn>;
  const valid =
    typeof email === 'string' &&
    isEmailFormat(email) &&
    (accountNumber === null || (typeof accountNumber === 'string' && isAccountNumberFormat(accountNumber))) &&
    typeof methods?.sso === 'boolean' &&
    typeof methods.password === 'boolean';
  return valid ? { email, accountNumber: accountNumber ?? null, methods } : null;
}

/** Keeps the state the provider must send back and the notice the welcome will say, then leaves to sign out there. */
export function leaveToSignOutAtProvider(url: string, trip: SignOutTrip): void {
  sessionStorage.setItem(SIGN_OUT_TRIP_KEY, JSON.stringify(trip));
  window.location.assign(url);
}

/**
 * Back from signing out at the provider: confirmed when the provider sent back the very state this tab kept (a
 * link made elsewhere, or a stale tab, confirms nothing), with the notice the trip kept.
 */
export function signOutReturn(query: string): { confirmed: boolean; notice: NoticeCode | null } {
  const { state, notice } = (takeKept(SIGN_OUT_TRIP_KEY) ?? {}) as Partial<SignOutTrip>;
  const sent = new URLSearchParams(query).get('state');
  return {
    confirmed: typeof state === 'string' && state.length > 0 && sent === state,
    notice: typeof notice === 'string' && Object.hasOwn(noticeMessages, notice) ? notice : null,
  };
}
