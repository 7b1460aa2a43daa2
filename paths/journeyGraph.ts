// The journey as a graph of concrete states (a state and the context that decides the server's answers), built
// once by @xstate/graph from the machine and the samples; every path set is a walk on it.
import { type AdjacencyMap, getAdjacencyMap } from '@xstate/graph';
import { type AnyMachineSnapshot, type AnyStateMachine, type EventObject, initialTransition } from 'xstate';
import { stateIdOf, transitionId } from '@/machines/chart';
import { journeyMachine } from '@/machines/journey';
import { demoSamples } from './demoWorld';
import { describeEvent, INIT_EVENT } from './describe';
import { memoryOf, stepJourney } from './serverMemory';

// The generator feeds sampled events of any type (actor outcomes included), so it sees the machine untyped.
const machine: AnyStateMachine = journeyMachine;

/** How many snapshots the traversal may look at before it stops and says the graph outgrew its bound. */
export const CONCRETE_GRAPH_BOUND = 5_000;

/**
 * A state is its value plus the context that decides what the server will answer next: who is signing in
 * while signed out; once signed in, whether the licence was accepted and, until it is, whose licence it is (the
 * server keeps each person's acceptance; the home, the menu, reload and logout answer alike for everyone, so
 * one user's home stands for all); in the password reset, only whether a mail is on its way (the server answers
 * every request alike) and where Back leads. And what the server and the browser kept from the path's earlier
 * steps that a later sign-in meets.
 */
export function keyOf(snapshot: AnyMachineSnapshot): string {
  const { email, accountNumber, session, notice } = snapshot.context;
  const who = session
    ? session.licenceAccepted
      ? { licenceAccepted: true }
      : { licenceAccepted: false, user: session.user.email }
    : snapshot.matches({ signedOut: 'passwordReset' })
      ? { getsResetMail: demoSamples.getsResetMail(email), methods: snapshot.context.methods }
      : { email, accountNumber };
  // A changed password is not in it: the person types the new one and the server answers as it did to the old.
  const { licenceAccepted, signedInAtProvider, signsOutAtProvider, providerImpostor } = memoryOf(snapshot);
  // Whether this browser was asked about notifications decides, as the server's memory does, where a later sign-in
  // leads; whether it allowed them, whether a delivery shows a system notification. Its other answers change only
  // what the home says, which the path's own steps carry and check.
  const notificationsAsked = snapshot.context.notifications !== null;
  const notificationsAllowed = snapshot.context.notifications === 'granted';
  const kept = {
    licenceAccepted,
    signedInAtProvider,
    signsOutAtProvider,
    notificationsAsked,
    notificationsAllowed,
  };
  // Who signed in at the provider decides how the trip ends, so it names its own transitions in context.
  const impostor = providerImpostor ? { providerImpostor: providerImpostor.signedInAs } : {};
  return JSON.stringify({ value: snapshot.value, ...who, notice, ...impostor, kept });
}

/** One step of the graph: an event from a concrete state, the machine's transition it takes, where it leads. */
export type Edge = {
  from: string;
  to: string;
  event: EventObject;
  /** The event as a title reads it; with `from` and `to` it names the edge. */
  label: string;
  /** The machine transition the event takes (none for an event that changes nothing). */
  transitionId: string | null;
};

export type JourneyGraph = {
  initial: string;
  nodes: Map<string, { state: AnyMachineSnapshot; out: Edge[] }>;
  /** For every concrete state, the edges of one shortest walk from opening the app to it. */
  shortest: Map<string, Edge[]>;
};

/** A name or key made once for each object (an edge, a set of marks): one made anew is copied and hashed anew. */
export function oncePerObject<O extends object, T>(make: (object: O) => T): (object: O) => T {
  const made = new WeakMap<O, T>();
  return (object) => {
    if (made.has(object)) return made.get(object) as T;
    const value = make(object);
    made.set(object, value);
    return value;
  };
}

export const edgeName = (edge: Edge) => `${edge.from} --${edge.label}--> ${edge.to}`;

const contexts = new Map<string, string>();
/** A concrete state without what the server kept: that decides an answer only where it changes where it leads. */
function contextOf(key: string): string {
  let context = contexts.get(key);
  if (context === undefined) {
    const { kept: _, ...rest } = JSON.parse(key);
    context = JSON.stringify(rest);
    contexts.set(key, context);
  }
  return context;
}

/**
 * The transition in context an edge takes, as the `transitions` criterion counts it: what the server kept is left
 * out of both ends, since it changes an answer only by leading elsewhere (a licence accepted earlier: home, not the
 * licence), and the other end then names the difference.
 */
export const transitionInContext = oncePerObject(
  (edge: Pick<Edge, 'from' | 'label' | 'to'>) =>
    `${contextOf(edge.from)} --${edge.label}--> ${contextOf(edge.to)}`,
);

/** The transition of the machine an event takes from a snapshot; the journey has no parallel regions. */
export function transitionTaken(state: AnyMachineSnapshot, event: EventObject): string | null {
  const taken = machine.getTransitionData(state, event).map(transitionId);
  if (taken.length > 1) throw new Error(`${event.type} takes ${taken.length} transitions at once`);
  return taken[0] ?? null;
}

function buildGraph(): JourneyGraph {
  let adjacency: AdjacencyMap<AnyMachineSnapshot, EventObject>;
  try {
    // The machine, stepped with what the server keeps (@xstate/graph calls its logic's `transition`).
    const journeyWithServer: AnyStateMachine = Object.assign(Object.create(machine), {
      transition: stepJourney,
    });
    adjacency = getAdjacencyMap(journeyWithServer, {
      events: demoSamples.sampleEvents,
      serializeState: (snapshot) => keyOf(snapshot),
      fromState: openingSnapshot(),
      limit: CONCRETE_GRAPH_BOUND,
    });
  } catch (error) {
    if ((error as Error).message !== 'Traversal limit exceeded') throw error;
    throw new Error(
      `The journey's concrete graph grew past ${CONCRETE_GRAPH_BOUND} snapshots (${(error as Error).message}): the samples or the key let it explode`,
    );
  }
  const nodes: JourneyGraph['nodes'] = new Map();
  for (const [key, { state, transitions }] of Object.entries(adjacency)) {
    const steps = Object.values(transitions) as Array<{ event: EventObject; state: AnyMachineSnapshot }>;
    const out = steps.map(({ event, state: next }) => ({
      from: key,
      to: keyOf(next),
      event,
      label: describeEvent(event),
      transitionId: transitionTaken(state, event),
    }));
    nodes.set(key, { state, out });
  }
  const initial = keyOf(openingSnapshot());
  // Breadth first, in the samples' order: the same shortest walks every run.
  const shortest = new Map<string, Edge[]>([[initial, []]]);
  const queue = [initial];
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    for (const edge of nodes.get(key)?.out ?? []) {
      if (shortest.has(edge.to)) continue;
      shortest.set(edge.to, [...(shortest.get(key) as Edge[]), edge]);
      queue.push(edge.to);
    }
  }
  return { initial, nodes, shortest };
}

let built: JourneyGraph | undefined;
export function journeyGraph(): JourneyGraph {
  built ??= buildGraph();
  return built;
}

export type PathStep = { event: EventObject; state: AnyMachineSnapshot };

/**
 * One step of a walk from the snapshot really reached, or null where no sampled event follows the edge from it.
 * A concrete state stands for several snapshots (one user's home for everyone's), so the step takes the sampled
 * event that follows the same edge: the steps carry exactly what the path's own user sees.
 */
export function stepAlong(state: AnyMachineSnapshot, edge: Edge): PathStep | null {
  // Walks share their beginnings: each step is played once from a snapshot, later walks take the same one.
  let known = stepsFrom.get(state);
  if (!known) {
    known = new Map();
    stepsFrom.set(state, known);
  }
  if (!known.has(edge)) known.set(edge, playedStep(state, edge));
  return known.get(edge) ?? null;
}

const stepsFrom = new WeakMap<AnyMachineSnapshot, Map<Edge, PathStep | null>>();

function playedStep(state: AnyMachineSnapshot, edge: Edge): PathStep | null {
  // Where the snapshot reached is the one the edge was found from, its own event is the sampled one.
  const found = journeyGraph().nodes.get(edge.from)?.state;
  const sameAs = (snapshot: AnyMachineSnapshot) => JSON.stringify([snapshot.context, memoryOf(snapshot)]);
  if (found && sameAs(found) === sameAs(state))
    return { event: edge.event, state: stepJourney(state, edge.event) };
  // The same edge: the same kind of event, taking the same transition to the same concrete state; the very
  // same words where they can be (they tell outcomes apart), else the path's own user's (their email).
  const alike = demoSamples
    .sampleEvents(state)
    .filter(
      (candidate) =>
        candidate.type === edge.event.type &&
        transitionTaken(state, candidate) === edge.transitionId &&
        keyOf(stepJourney(state, candidate)) === edge.to,
    );
  const event = alike.find((candidate) => describeEvent(candidate) === edge.label) ?? alike[0];
  return event ? { event, state: stepJourney(state, event) } : null;
}

let opening: AnyMachineSnapshot | undefined;
/** The snapshot as the app opens: one for every walk, so that walks share the steps they begin with. */
export const openingSnapshot = () => {
  opening ??= initialTransition(machine)[0];
  return opening;
};

/** Plays a walk on the machine from opening the app, the opening saying what the browser holds then. */
export function realise(walk: Edge[]): PathStep[] {
  const steps: PathStep[] = [{ event: INIT_EVENT, state: openingSnapshot() }];
  for (const edge of walk) {
    const from = (steps.at(-1) as PathStep).state;
    const step = stepAlong(from, edge);
    if (!step) throw new Error(`No sampled event follows ${edgeName(edge)} from ${stateIdOf(from)}`);
    steps.push({ ...step });
  }
  (steps[0] as PathStep).event = demoSamples.openingOf(steps);
  return steps;
}
