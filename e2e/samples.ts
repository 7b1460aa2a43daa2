import type { AnyMachineSnapshot, EventObject } from 'xstate';
import type { JourneyEvent, SessionView } from '@/machines/journeyTypes';
import { type DemoUser, demoUsers } from '@/server/demoData';

/**
 * What the generator may feed the machine: a few user inputs per event, and each server step's outcomes
 * chosen from context so that they are what the real server answers for the seeded data.
 * Every path's user is a fresh copy of Ada (see fixtures.ts), signed in as `knownUser` here.
 */
export const knownUser = demoUsers.ada;
export const unknownEmail = 'nobody@acme.test';
export const malformedEmail = 'ada.acme.test';

export function viewOf(user: DemoUser): SessionView {
  const count = (kind: DemoUser['waiting'][number]['kind']) =>
    user.waiting.filter((item) => item.kind === kind).length;
  return {
    user: { name: user.name, email: user.email },
    inbox: {
      missedCalls: count('missedCall'),
      unreadMessages: count('message'),
      meetingInvitations: count('meetingInvitation'),
    },
  };
}

type Snapshot = AnyMachineSnapshot;
type ActorOutcomes = (snapshot: Snapshot) => EventObject[];

const networkFailure = { code: 'unavailable' };
const done = (id: string, output: unknown) => ({ type: `xstate.done.actor.${id}`, output });
const failed = (id: string, error: unknown) => ({ type: `xstate.error.actor.${id}`, error });

/** The user events, with the inputs worth trying. */
export const userEventSamples: Record<JourneyEvent['type'], JourneyEvent[]> = {
  SIGN_IN: [{ type: 'SIGN_IN' }],
  SUBMIT_EMAIL: [
    { type: 'SUBMIT_EMAIL', email: knownUser.email },
    { type: 'SUBMIT_EMAIL', email: unknownEmail },
    { type: 'SUBMIT_EMAIL', email: malformedEmail },
  ],
  SUBMIT_PASSWORD: [
    { type: 'SUBMIT_PASSWORD', password: knownUser.password },
    { type: 'SUBMIT_PASSWORD', password: '' },
  ],
  CHANGE_EMAIL: [{ type: 'CHANGE_EMAIL' }],
  BACK: [{ type: 'BACK' }],
  RETRY: [{ type: 'RETRY' }],
  OPEN_MENU: [{ type: 'OPEN_MENU' }],
  CLOSE_MENU: [{ type: 'CLOSE_MENU' }],
  LOGOUT: [{ type: 'LOGOUT' }],
  RELOAD: [{ type: 'RELOAD' }],
};

/** Each invoked actor's outcomes, by actor id: what the real server (or a failed network) answers. */
export const actorOutcomes: Record<string, ActorOutcomes> = {
  // The server has a session exactly when the machine last knew one (a reload from home).
  loadSession: ({ context }) => [done('loadSession', context.session), failed('loadSession', networkFailure)],
  signIn: ({ context }) => [
    context.email === knownUser.email
      ? done('signIn', viewOf(knownUser))
      : failed('signIn', { code: 'invalidCredentials' }),
    failed('signIn', networkFailure),
  ],
  signOut: () => [done('signOut', undefined), failed('signOut', networkFailure)],
};

/** The ids of the actors invoked by the states a snapshot is in. */
export function invokedActorIds(snapshot: Snapshot): string[] {
  return snapshot._nodes.flatMap((node) => node.invoke.map((definition) => definition.id));
}

/** Every event worth trying from this snapshot that the machine would take. */
export function sampleEvents(snapshot: Snapshot): EventObject[] {
  const candidates: EventObject[] = [
    ...Object.values(userEventSamples).flat(),
    ...invokedActorIds(snapshot).flatMap((id) => actorOutcomes[id]?.(snapshot) ?? []),
  ];
  return candidates.filter((event) => snapshot.can(event));
}
