// What the server keeps from a path's earlier steps that changes what it answers later. The machine knows nothing
// of the server, so the generator carries this beside each snapshot it makes: a second sign-in meets what the
// first one left (a licence accepted, a password changed). Pure, safe in a browser.
import { type AnyMachineSnapshot, type AnyStateMachine, type EventObject, transition } from 'xstate';
import { journeyMachine } from '@/machines/journey';
import type { InboxCounts, LiveDelivery } from '@/machines/journeyTypes';

/** Someone other than the user who signs in at the provider on their trip, and the email they sign in with. */
export type ProviderImpostor = {
  signedInAs: 'another user of the account' | 'a person of another account' | 'an unverified email';
  email: string;
};

export type ServerMemory = {
  /** People who accepted the licence on this path (the samples' world says who had before it began). */
  licenceAccepted: string[];
  /** People whose password this path changed through a reset link: the new one is theirs now. */
  passwordChanged: string[];
  /** Whose reset link the page opened last: the person a new password set there is for. */
  resetLinkOf: string | null;
  /**
   * Whether someone signed in at the identity provider in this browser: it remembers them, and sends the browser
   * straight back the next time, with no sign-in page of its own to see or act on.
   */
  signedInAtProvider: boolean;
  /**
   * Whether the session now open came through SSO at an account whose administrator turned on logout at the
   * provider: its logout takes the browser there, and the provider forgets whoever signed in.
   */
  signsOutAtProvider: boolean;
  /** Who signed in at the provider on the trip now coming back, where it was not the user: refused at completion. */
  providerImpostor: ProviderImpostor | null;
  /** What this path delivered to each person (by email), beside what the demo data has waiting for them. */
  delivered: Record<string, InboxCounts>;
};

export const nothingKept: ServerMemory = {
  licenceAccepted: [],
  passwordChanged: [],
  resetLinkOf: null,
  signedInAtProvider: false,
  signsOutAtProvider: false,
  providerImpostor: null,
  delivered: {},
};

const nothingWaiting: InboxCounts = { missedCalls: 0, unreadMessages: 0, meetingInvitations: 0 };

const machine: AnyStateMachine = journeyMachine;
// Snapshots are immutable and made by xstate, so the memory rides beside each one the generator makes.
const memories = new WeakMap<AnyMachineSnapshot, ServerMemory>();

export const memoryOf = (snapshot: AnyMachineSnapshot): ServerMemory => memories.get(snapshot) ?? nothingKept;

const withPerson = (people: string[], email: string | null | undefined) =>
  email && !people.includes(email) ? [...people, email].sort() : people;

const impostorOf = (event: EventObject): ProviderImpostor | null => {
  const { signedInAs, email } = event as Partial<ProviderImpostor>;
  return signedInAs && email ? { signedInAs, email } : null;
};

/** What the server keeps once the event has happened in the state the snapshot is in. */
function remembered(memory: ServerMemory, before: AnyMachineSnapshot, event: EventObject): ServerMemory {
  if (event.type === 'xstate.done.actor.acceptLicence')
    return {
      ...memory,
      licenceAccepted: withPerson(memory.licenceAccepted, before.context.session?.user.email),
    };
  // A link opened as the app opens names whose it is; one followed from "Check your email" is the asker's.
  if (event.type === 'RESET_LINK_OPENED')
    return { ...memory, resetLinkOf: (event as { email?: string }).email ?? before.context.email };
  if (event.type === 'xstate.done.actor.resetPassword')
    return {
      ...memory,
      passwordChanged: withPerson(memory.passwordChanged, memory.resetLinkOf),
      resetLinkOf: null,
    };
  if (event.type === 'PROVIDER_RETURNED' && (event as { reply?: { kind?: string } }).reply?.kind === 'code')
    return {
      ...memory,
      signedInAtProvider: true,
      providerImpostor: impostorOf(event),
    };
  if (event.type === 'DELIVERY_ARRIVED') {
    const email = before.context.session?.user.email;
    if (!email) return memory;
    const { inbox } = (event as unknown as { delivery: LiveDelivery }).delivery;
    const earlier = before.context.session?.inbox ?? nothingWaiting;
    const had = memory.delivered[email] ?? nothingWaiting;
    // The delivery's counts less the counts before it: what arrived, added to what this path delivered before.
    const added = (key: keyof InboxCounts) => had[key] + inbox[key] - earlier[key];
    return {
      ...memory,
      delivered: {
        ...memory.delivered,
        [email]: {
          missedCalls: added('missedCalls'),
          unreadMessages: added('unreadMessages'),
          meetingInvitations: added('meetingInvitations'),
        },
      },
    };
  }
  if (event.type === 'xstate.done.actor.completeSso')
    return {
      ...memory,
      providerImpostor: null,
      signsOutAtProvider: (event as { signsOutAtProvider?: boolean }).signsOutAtProvider === true,
    };
  if (event.type === 'xstate.error.actor.completeSso') return { ...memory, providerImpostor: null };
  if (event.type === 'xstate.done.actor.signIn') return { ...memory, signsOutAtProvider: false };
  // The user signed out at the provider (here, or in another tab of this browser): it forgets them. The state it
  // sends back, changed or not, comes after.
  if (
    event.type === 'PROVIDER_SIGNED_OUT' ||
    (event.type === 'SIGNED_OUT_ELSEWHERE' && memory.signsOutAtProvider)
  )
    return { ...memory, signedInAtProvider: false };
  return memory;
}

/** A session no longer open signs out nowhere: what decided its logout goes with it. */
const settled = (memory: ServerMemory, next: AnyMachineSnapshot): ServerMemory =>
  memory.signsOutAtProvider && !next.context.session ? { ...memory, signsOutAtProvider: false } : memory;

/** The machine's next snapshot, and what the server keeps after it: how the generator and the simulation step. */
export function stepJourney(snapshot: AnyMachineSnapshot, event: EventObject): AnyMachineSnapshot {
  const [next] = transition(machine, snapshot, event);
  const memory = settled(remembered(memoryOf(snapshot), snapshot, event), next);
  // xstate hands back the very snapshot when nothing changed: its memory must not be overwritten then.
  if (next === snapshot) {
    if (memory !== memoryOf(snapshot))
      throw new Error(`${event.type} changed the server but not the journey`);
    return next;
  }
  memories.set(next, memory);
  return next;
}
