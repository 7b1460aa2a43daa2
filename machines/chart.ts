// The journey's states and transitions as a chart reads them: derived from the machine, never written twice.
import type { AnyMachineSnapshot, AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { journeyMachine } from './journey';

export type ChartState = {
  id: string;
  /** The state's own name within its parent. */
  name: string;
  parentId: string | null;
  kind: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  isInitial: boolean;
  description: string;
};

export type ChartTransition = {
  id: string;
  sourceId: string;
  /** Where it goes; none for a transition that only does something (shows a problem) and stays. */
  targetIds: string[];
  event: string;
  guard: string | null;
  /** The event as people read it, with its guard: "SUBMIT_PASSWORD [isPasswordOffered]". */
  label: string;
};

const root: AnyStateNode = journeyMachine.root;

export function allStateNodes(node: AnyStateNode = root): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => allStateNodes(child as AnyStateNode))];
}

/** A stable name for one transition of the machine: its source, its event and its place among those. */
export function transitionId(transition: AnyTransitionDefinition): string {
  const siblings = transition.source.transitions.get(transition.eventType) ?? [];
  return `${transition.source.id} on ${transition.eventType} #${siblings.indexOf(transition) + 1}`;
}

/** An invoked actor's outcome an event is (its answer, or its failure), or null for any other event. */
export function actorOutcomeOf(eventType: string): { outcome: 'done' | 'error'; actor: string } | null {
  const found = /^xstate\.(done|error)\.actor\.(.+)$/.exec(eventType);
  return found ? { outcome: found[1] as 'done' | 'error', actor: found[2] as string } : null;
}

/** An event's name as a chart shows it: an actor's outcome reads "identify ✓" or "identify ✗". */
export function eventLabel(eventType: string): string {
  const outcome = actorOutcomeOf(eventType);
  if (!outcome) return eventType;
  return `${outcome.actor} ${outcome.outcome === 'done' ? '✓' : '✗'}`;
}

function guardName(transition: AnyTransitionDefinition): string | null {
  const guard = transition.guard as unknown;
  if (typeof guard === 'string') return guard;
  if (guard && typeof guard === 'object' && 'type' in guard) return String((guard as { type: unknown }).type);
  return guard ? 'guard' : null;
}

function stateOf(node: AnyStateNode): ChartState {
  const parent = node.parent as AnyStateNode | undefined;
  const initialKey = parent?.config.initial;
  return {
    id: node.id,
    name: node.key,
    parentId: parent?.id ?? null,
    kind: node.type,
    isInitial: initialKey === node.key,
    description: typeof node.meta?.description === 'string' ? node.meta.description : '',
  };
}

function transitionOf(transition: AnyTransitionDefinition): ChartTransition {
  const guard = guardName(transition);
  const event = transition.eventType;
  return {
    id: transitionId(transition),
    sourceId: transition.source.id,
    targetIds: (transition.target ?? []).map((target: AnyStateNode) => target.id),
    event,
    guard,
    label: guard ? `${eventLabel(event)} [${guard}]` : eventLabel(event),
  };
}

/** Every state (the machine itself first) and every transition of the journey. */
export function journeyChart(): { states: ChartState[]; transitions: ChartTransition[] } {
  const nodes = allStateNodes();
  return {
    states: nodes.map(stateOf),
    transitions: nodes.flatMap((node) => [...node.transitions.values()].flat().map(transitionOf)),
  };
}

/** The id of the one atomic state a snapshot is in (the journey has no parallel regions). */
export function stateIdOf(snapshot: AnyMachineSnapshot): string {
  const atomic = snapshot._nodes.filter((node) => node.type === 'atomic');
  if (atomic.length !== 1) throw new Error(`expected one atomic state, got ${atomic.map((node) => node.id)}`);
  return (atomic[0] as AnyStateNode).id;
}

/** The channel on which the app's tabs say which state they are in, for the statechart page to follow. */
export const JOURNEY_STATE_CHANNEL = 'relay-journey-state';

export type JourneyStateMessage = { type: 'state'; stateId: string } | { type: 'whereAreYou' };
