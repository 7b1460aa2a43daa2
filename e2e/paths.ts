import {
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventObject,
  initialTransition,
  transition,
} from 'xstate';
import {
  type AdjacencyMap,
  type AdjacencyValue as GraphAdjacencyValue,
  getAdjacencyMap,
  getShortestPaths,
  getSimplePaths,
} from 'xstate/graph';
import { allStateNodes, stateIdOf, transitionId } from '@/machines/chart';
import { journeyMachine } from '@/machines/journey';
import type { JourneyEvent } from '@/machines/journeyTypes';
import { endsThePath, getsResetMail, sampleEvents } from './samples';

/**
 * quick: a few paths that together take every transition of the machine.
 * edges: the shortest way to every state in every context that decides the server's answers, then each edge
 *   from it: every transition in every such context. What CI runs.
 * full: edges plus every simple path from the start; no run could hold it, and generating it no longer ends
 *   within minutes (npm run paths -- --full tries).
 */
export type PathSet = 'quick' | 'edges' | 'full';
export const pathSets: readonly PathSet[] = ['quick', 'edges', 'full'];
export const defaultPathSet: PathSet = 'edges';

export type PathStep = { event: EventObject; state: AnyMachineSnapshot };
export type JourneyPath = { title: string; steps: PathStep[] };

const INIT: EventObject = { type: 'xstate.init' };

// The generator feeds sampled events of any type (actor outcomes included), so it sees the machine untyped.
const machine: AnyStateMachine = journeyMachine;

/**
 * A state is its value plus the context that decides what the server will answer next: who is signing in
 * while signed out; once signed in, only whether the licence was accepted (the home, the menu, reload and
 * logout answer alike for everyone, so one user's signed-in states stand for all); in the password reset, only
 * whether a mail is on its way (the server answers every request alike) and where Back leads.
 */
function serializeState(snapshot: AnyMachineSnapshot): string {
  const { email, accountNumber, session, notice } = snapshot.context;
  const who = session
    ? { licenceAccepted: session.licenceAccepted }
    : snapshot.matches({ signedOut: 'passwordReset' })
      ? { getsResetMail: getsResetMail(email), methods: snapshot.context.methods }
      : { email, accountNumber };
  return JSON.stringify({ value: snapshot.value, ...who, notice });
}

const traversal = {
  events: sampleEvents,
  serializeState: (snapshot: AnyMachineSnapshot) => serializeState(snapshot),
  stopWhen: endsThePath,
};

/** Replays events on the pure machine, so every step carries the exact snapshot that event produces. */
function replay(events: EventObject[]): PathStep[] {
  let [state] = initialTransition(machine);
  const steps: PathStep[] = [{ event: INIT, state }];
  for (const event of events) {
    [state] = transition(machine, state, event);
    steps.push({ event, state });
  }
  return steps;
}

type AdjacencyValue = GraphAdjacencyValue<AnyMachineSnapshot, EventObject>;

const eventsOf = (path: { steps: PathStep[] }) => path.steps.slice(1).map((step) => step.event);

/** The shortest way to every state, then one more step along each of its edges. */
function shortestPathsPlusOneEdge(): EventObject[][] {
  const adjacency: AdjacencyMap<AnyMachineSnapshot, EventObject> = getAdjacencyMap(machine, traversal);
  const shortest = new Map(
    getShortestPaths(machine, traversal).map((path) => [serializeState(path.state), path]),
  );
  const sequences: EventObject[][] = [];
  for (const [key, { transitions }] of Object.entries(adjacency) as [string, AdjacencyValue][]) {
    const toHere = shortest.get(key);
    if (!toHere) continue;
    for (const { event } of Object.values(transitions)) sequences.push([...eventsOf(toHere), event]);
  }
  return sequences;
}

/** The shortest of those, kept only while each takes a transition no kept path takes yet. */
function transitionCoveringEvents(): EventObject[][] {
  const covered = new Set<string>();
  const kept: EventObject[][] = [];
  const candidates = shortestPathsPlusOneEdge().sort((a, b) => a.length - b.length);
  for (const events of candidates) {
    const taken = transitionIdsOfSteps(replay(events));
    if (taken.every((id) => covered.has(id))) continue;
    for (const id of taken) covered.add(id);
    kept.push(events);
  }
  return kept;
}

function simplePathEvents(): EventObject[][] {
  return getSimplePaths(machine, traversal).map(eventsOf);
}

/** Drops every path that is the start of a longer one: the longer one checks all it would. */
function withoutPrefixes(paths: EventObject[][]): EventObject[][] {
  const keyOf = (events: EventObject[]) => events.map((event) => JSON.stringify(event));
  const keys = paths.map(keyOf);
  const isPrefix = (short: string[], long: string[]) =>
    short.length < long.length && short.every((part, index) => part === long[index]);
  const unique = new Map(keys.map((key, index) => [key.join('\n'), index]));
  return [...unique.values()]
    .filter((index) => !keys.some((other) => isPrefix(keys[index] as string[], other)))
    .map((index) => paths[index] as EventObject[]);
}

/** A short, human name for an event, used in test titles and the path report. */
export function describeEvent(event: EventObject): string {
  const actorEvent = /^xstate\.(done|error)\.actor\.(.+)$/.exec(event.type);
  if (event.type === INIT.type) return 'open the app';
  if (actorEvent) {
    const [, outcome, actor] = actorEvent;
    if (outcome === 'error')
      return `${actor} fails (${(event as { error?: { code?: string } }).error?.code})`;
    return (event as { output?: unknown }).output === null ? `${actor}: none` : `${actor} ok`;
  }
  if (event.type === 'SUBMIT_NEW_PASSWORD') {
    // Passwords never show in a title: only what tells the samples apart.
    const { password, confirmation } = event as Extract<JourneyEvent, { type: 'SUBMIT_NEW_PASSWORD' }>;
    const same = password === confirmation ? 'the same twice' : 'then another';
    return `SUBMIT_NEW_PASSWORD (${password.length} characters, ${same})`;
  }
  if (event.type === 'PROVIDER_RETURNED') {
    const { reply } = event as Extract<JourneyEvent, { type: 'PROVIDER_RETURNED' }>;
    return `PROVIDER_RETURNED ${reply.kind === 'code' ? 'with a code' : reply.error}`;
  }
  const details = Object.entries(event)
    .filter(([key]) => key !== 'type')
    .map(([key, value]) => (key === 'password' ? (value ? '"•••"' : '""') : JSON.stringify(value)));
  return [event.type, ...details].join(' ');
}

function titleOf(steps: PathStep[]): string {
  const last = steps.at(-1) as PathStep;
  return `${steps.map((step) => describeEvent(step.event)).join(' → ')} ⇒ ${stateIdOf(last.state)}`;
}

/** The generated paths of a set, in a stable order, each with its title. */
export function journeyPaths(set: PathSet): JourneyPath[] {
  const sequences = {
    quick: transitionCoveringEvents,
    edges: shortestPathsPlusOneEdge,
    full: () => [...shortestPathsPlusOneEdge(), ...simplePathEvents()],
  }[set]();
  return withoutPrefixes(sequences)
    .map((events) => {
      const steps = replay(events);
      return { title: titleOf(steps), steps };
    })
    .sort((a, b) => a.title.localeCompare(b.title));
}

export function allTransitionIds(): string[] {
  return allStateNodes().flatMap((node) => [...node.transitions.values()].flat().map(transitionId));
}

/** The transitions a path takes, found by asking the machine which ones each step's event selects. */
export function transitionIdsOf(path: JourneyPath): string[] {
  return transitionIdsOfSteps(path.steps);
}

function transitionIdsOfSteps(steps: PathStep[]): string[] {
  return transitionIdsByStep(steps).flat();
}

/** For each step, the transitions its event takes (none for opening the app). */
export function transitionIdsByStep(steps: PathStep[]): string[][] {
  return steps.map((step, index) =>
    index === 0
      ? []
      : machine.getTransitionData((steps[index - 1] as PathStep).state, step.event).map(transitionId),
  );
}

export function pathSetFrom(value: string | undefined): PathSet {
  const set = value ?? defaultPathSet;
  if (!pathSets.includes(set as PathSet)) {
    throw new Error(`PATHS must be one of ${pathSets.join(', ')}, got "${value}"`);
  }
  return set as PathSet;
}

export { allStateNodes, stateIdOf };

/** A set's size and how long it takes to generate: what `npm run paths` and `npm run bench` print. */
export function pathSetFigures(set: PathSet) {
  const started = performance.now();
  const paths = journeyPaths(set);
  const generateMs = performance.now() - started;
  return { set, paths, steps: paths.reduce((total, path) => total + path.steps.length, 0), generateMs };
}
