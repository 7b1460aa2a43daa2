// How a generated step reads in test titles, the report and the statechart page: pure, safe in a browser.
import type { EventObject } from 'xstate';
import type { JourneyEvent } from '@/machines/journeyTypes';

export const INIT_EVENT: EventObject = { type: 'xstate.init' };

/**
 * Opening the app, and what the browser holds as it opens: nothing, or the session of `email` kept from an
 * earlier visit (`kept`), or kept but run out (`expired`), or its cookie replayed after that session was logged
 * out (`loggedOut`), or a cookie nobody was given (`forged`). The first session check of a path decides which.
 */
export type OpeningEvent = {
  type: 'xstate.init';
  email?: string;
  session?: 'kept' | 'expired' | 'loggedOut' | 'forged';
};
/** The session cookie a check answered for, where it opened nothing and was not one simply run out. */
export type OpeningCookie = 'replayed after a logout' | 'forged';

/** The code a failed server step's event carries, if it is one. */
export const codeOf = (event: EventObject) => (event as { error?: { code?: string } }).error?.code;
/** How a failed server step was made to fail, where the samples say (a tampered answer). */
export const howOf = (event: EventObject) => (event as { error?: { how?: string } }).error?.how;

/**
 * What an actor's answer says, in a word or two: an answer that is a word itself (the browser's prompt: "granted"),
 * "none" and "expired" for a session check without a session.
 */
function outputWords(output: unknown): string {
  if (typeof output === 'string') return output;
  if (output && typeof output === 'object' && 'providerSignOut' in output) {
    const { providerSignOut } = output;
    if (providerSignOut === 'failed') return 'ok (the provider did not answer)';
    return providerSignOut ? 'ok, on to the provider' : 'ok';
  }
  if (output && typeof output === 'object' && 'session' in output && output.session === null)
    return 'expired' in output && output.expired ? 'expired' : 'none';
  return 'ok';
}

/** A short, human name for an event, used in test titles and the path report. */
export function describeEvent(event: EventObject): string {
  const actorEvent = /^xstate\.(done|error)\.actor\.(.+)$/.exec(event.type);
  if (event.type === INIT_EVENT.type) {
    const { email, session } = event as OpeningEvent;
    if (session === 'forged') return 'open the app with a forged session cookie';
    if (!email) return 'open the app';
    if (session === 'loggedOut') return `open the app with ${email}'s session cookie replayed after a logout`;
    return `open the app with ${email}'s session ${session === 'expired' ? 'run out' : 'kept'}`;
  }
  if (actorEvent) {
    const [, outcome, actor] = actorEvent;
    if (outcome === 'error') {
      const how = howOf(event);
      return `${actor} fails (${codeOf(event)}${how ? `: ${how}` : ''})`;
    }
    const { output, cookie } = event as { output?: unknown; cookie?: OpeningCookie };
    return `${actor} ${outputWords(output)}${cookie ? ` (a cookie ${cookie})` : ''}`;
  }
  if (event.type === 'SUBMIT_NEW_PASSWORD') {
    // Passwords never show in a title: only what tells the samples apart.
    const { password, confirmation } = event as Extract<JourneyEvent, { type: 'SUBMIT_NEW_PASSWORD' }>;
    const same = password === confirmation ? 'the same twice' : 'then another';
    return `SUBMIT_NEW_PASSWORD (${password.length} characters, ${same})`;
  }
  if (event.type === 'PROVIDER_RETURNED') {
    const { reply } = event as Extract<JourneyEvent, { type: 'PROVIDER_RETURNED' }>;
    const { signedInAs } = event as { signedInAs?: string };
    if (reply.kind !== 'code') return `PROVIDER_RETURNED ${reply.error}`;
    return `PROVIDER_RETURNED with a code${signedInAs ? ` (signed in there as ${signedInAs})` : ''}`;
  }
  if (event.type === 'PROVIDER_SIGNED_OUT') {
    const { confirmed } = event as Extract<JourneyEvent, { type: 'PROVIDER_SIGNED_OUT' }>;
    return `PROVIDER_SIGNED_OUT${confirmed ? '' : ` (${(event as { how?: string }).how})`}`;
  }
  if (event.type === 'DELIVERY_ARRIVED') {
    // The counts it carries are the path's own user's: only what arrived tells the samples apart.
    const { delivery } = event as Extract<JourneyEvent, { type: 'DELIVERY_ARRIVED' }>;
    return `DELIVERY_ARRIVED "${delivery.summary}"`;
  }
  const details = Object.entries(event)
    .filter(([key]) => key !== 'type')
    .map(([key, value]) => (key === 'password' ? (value ? '"•••"' : '""') : JSON.stringify(value)));
  return [event.type, ...details].join(' ');
}
