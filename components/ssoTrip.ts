import { isAccountNumberFormat, isEmailFormat, type ResumedSignIn } from '@/machines/journeyTypes';

// This tab's own storage: the trip to the provider and back happens in one tab.
const TRIP_KEY = 'relay.ssoTrip';

/** Keeps what the journey needs, then leaves for the identity provider. */
export function leaveForProvider(url: string, resume: ResumedSignIn): void {
  sessionStorage.setItem(TRIP_KEY, JSON.stringify(resume));
  window.location.assign(url);
}

/** What the journey kept before it left, taken once; anything else found there is ignored. */
export function takeKeptTrip(): ResumedSignIn | null {
  const raw = sessionStorage.getItem(TRIP_KEY);
  sessionStorage.removeItem(TRIP_KEY);
  try {
    const kept = JSON.parse(raw ?? 'null') as Partial<ResumedSignIn> | null;
    const { email, accountNumber, methods } = kept ?? {};
    const valid =
      typeof email === 'string' &&
      isEmailFormat(email) &&
      (accountNumber === null ||
        (typeof accountNumber === 'string' && isAccountNumberFormat(accountNumber))) &&
      typeof methods?.sso === 'boolean' &&
      typeof methods.password === 'boolean';
    return valid ? { email, accountNumber: accountNumber ?? null, methods } : null;
  } catch {
    return null;
  }
}
