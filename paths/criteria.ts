// The coverage criteria of model-based testing, on the chart (atomic states and the machine's transitions) and
// on the concrete graph: which routes and transition pairs exist, and which of them the real system can take.
import type { AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { allStateNodes, stateIdOf, transitionId } from '@/machines/chart';
import { type Edge, journeyGraph } from './journeyGraph';

/** How many loop-free routes the chart may have before enumerating them stops and says so. */
export const ROUTE_BOUND = 50_000;

type ChartEdge = { transitionId: string; target: string | null };

const atomicOf = (node: AnyStateNode): AnyStateNode =>
  node.type === 'atomic' ? node : atomicOf(node.initial.target[0] as AnyStateNode);
const withAncestors = (node: AnyStateNode): AnyStateNode[] =>
  node.parent ? [node, ...withAncestors(node.parent)] : [node];

/** For each atomic state, every transition it can take (its own and its ancestors') and the atomic state it enters. */
function chartEdges(): Map<string, ChartEdge[]> {
  const edges = new Map<string, ChartEdge[]>();
  for (const node of allStateNodes().filter((candidate) => candidate.type === 'atomic')) {
    const transitions = withAncestors(node).flatMap((owner) =>
      ([...owner.transitions.values()].flat() as AnyTransitionDefinition[]).map((definition) => ({
        transitionId: transitionId(definition),
        target: definition.target ? atomicOf(definition.target[0] as AnyStateNode).id : null,
      })),
    );
    edges.set(node.id, transitions);
  }
  return edges;
}

const pairName = (first: string, second: string) => `${first} ⇢ ${second}`;

/** Every two consecutive transitions the chart allows: the second leaves the atomic state the first enters. */
export function chartPairs(): string[] {
  const edges = chartEdges();
  return [...edges].flatMap(([state, out]) =>
    out.flatMap((first) =>
      (edges.get(first.target ?? state) ?? []).map((second) =>
        pairName(first.transitionId, second.transitionId),
      ),
    ),
  );
}

/** The pairs a walk takes, in order. */
export function pairsOf(transitionIds: Array<string | null>): string[] {
  const taken = transitionIds.filter((id): id is string => id !== null);
  return taken.slice(1).map((second, index) => pairName(taken[index] as string, second));
}

/** Every pair the real system can take: an edge into a concrete state, then an edge out of it. */
export function reachablePairs(): Map<string, [Edge, Edge]> {
  const { nodes } = journeyGraph();
  const into = new Map<string, Edge[]>();
  for (const { out } of nodes.values())
    for (const edge of out) into.set(edge.to, [...(into.get(edge.to) ?? []), edge]);
  const pairs = new Map<string, [Edge, Edge]>();
  for (const [key, { out }] of nodes) {
    for (const first of into.get(key) ?? []) {
      for (const second of out) {
        if (!first.transitionId || !second.transitionId) continue;
        const name = pairName(first.transitionId, second.transitionId);
        if (!pairs.has(name)) pairs.set(name, [first, second]);
      }
    }
  }
  return pairs;
}

/** A loop-free route the system takes, with one walk on the concrete graph that realises it. */
export type Route = { name: string; transitionIds: string[]; walk: Edge[] };
/** Routes the system can never take: they all start with `prefix`, then need `blockedAt`, which no data allows there. */
export type BlockedRoutes = { prefix: string[]; blockedAt: string; count: number; reason: string };

const stateName = (id: string) => id.replace(/^journey\./, '');

/**
 * Why no generated path takes a transition after a route's prefix: a guard the seeded data or the machine rules
 * out. A blocked transition missing here fails the unit tests: none is dropped in silence.
 */
const alanAtProvider =
  'the only persona in several accounts (Alan) is no person at the demo provider: on his trip only someone else signs in there, and the server refuses them';
const askedOnlyOnce =
  'a route signs in once, on a browser never asked about notifications (asking follows a sign-in, and a second sign-in would loop back to the welcome), so a new session is always asked';

const passwordOrNoLogoutThere =
  'this route signed in with a password, or through SSO at an account that leaves logout at the provider off (Globex): its sign-out ends the app’s session only';

export const whyBlocked: Record<string, string> = {
  'journey.signedOut.passwordReset.forgotPassword on BACK #1':
    'a page opened at a reset link starts afresh, knowing no sign-in options, so Back from the reset form leads to the email step',
  'journey.signedOut.signingIn on xstate.done.actor.signIn #2': askedOnlyOnce,
  'journey.signedOut.signingIn on xstate.done.actor.signIn #3':
    'the only persona in several accounts (Alan) accepted the licence long ago: signing in takes him home',
  'journey.signedOut.completingSso on xstate.done.actor.completeSso #1': alanAtProvider,
  'journey.signedOut.completingSso on xstate.done.actor.completeSso #2': `${askedOnlyOnce}; and ${alanAtProvider}`,
  'journey.signedOut.completingSso on xstate.done.actor.completeSso #3': alanAtProvider,
  'journey.signedIn.acceptingLicence on xstate.done.actor.acceptLicence #2': askedOnlyOnce,
  'journey.signedIn.signingOut on xstate.done.actor.signOut #1': passwordOrNoLogoutThere,
  'journey.signedIn.signingOut on xstate.done.actor.signOut #2': passwordOrNoLogoutThere,
  'journey.signedIn.signingOut on xstate.done.actor.signOut #3':
    'this route signed in through SSO at Initech, whose administrator turned on logout at the provider: its sign-out always goes on to the provider',
  'journey.signedIn.signingOut on xstate.error.actor.signOut #1':
    'this route declined the licence, so a failed sign-out goes back to the licence, never to the home',
  'journey.signedIn.signingOut on xstate.error.actor.signOut #2':
    'this route accepted the licence (or had it already), so a failed logout goes back to the home, never to the licence',
};

let routesOfChart: { routes: Route[]; blocked: BlockedRoutes[]; total: number } | undefined;

/** The chart's loop-free routes (see enumerateRoutes), worked out once: the machine does not change while the process runs. */
export function chartRoutes(): { routes: Route[]; blocked: BlockedRoutes[]; total: number } {
  routesOfChart ??= enumerateRoutes();
  return routesOfChart;
}

/**
 * Every loop-free route from opening the app: a sequence of transitions that enters no atomic state twice and
 * cannot go further without doing so. Each is followed on the concrete graph at once, so a route is either
 * realised by a walk the real system takes, or counted among the blocked ones with the transition that stops it.
 */
function enumerateRoutes(): { routes: Route[]; blocked: BlockedRoutes[]; total: number } {
  const edges = chartEdges();
  const { initial, nodes } = journeyGraph();
  const routes: Route[] = [];
  const blocked: BlockedRoutes[] = [];
  let total = 0;
  const grow = () => {
    total += 1;
    if (total > ROUTE_BOUND)
      throw new Error(
        `The chart has more than ${ROUTE_BOUND} loop-free routes: a bound chosen to keep generation finite`,
      );
  };
  /** How many loop-free routes continue from here, on the chart alone. */
  const countFrom = (state: string, visited: Set<string>): number => {
    const next = (edges.get(state) ?? []).filter((edge) => edge.target !== null && !visited.has(edge.target));
    if (next.length === 0) {
      grow();
      return 1;
    }
    let count = 0;
    for (const { target } of next) {
      visited.add(target as string);
      count += countFrom(target as string, visited);
      visited.delete(target as string);
    }
    return count;
  };
  /** `reached`: every concrete state the prefix leads to, each with the first walk found to it. */
  const follow = (state: string, visited: Set<string>, prefix: string[], reached: Map<string, Edge[]>) => {
    const next = (edges.get(state) ?? []).filter((edge) => edge.target !== null && !visited.has(edge.target));
    if (next.length === 0) {
      grow();
      const walk = reached.values().next().value as Edge[];
      const states = [stateName(initialStateId), ...walk.map((edge) => stateName(atomicIdOf(edge.to)))].join(
        ' → ',
      );
      // Two routes through the same states differ in a transition: the second one says which.
      const name = routes.some((route) => route.name === states)
        ? `${states} (by ${prefix.join(', ')})`
        : states;
      routes.push({ name, transitionIds: prefix, walk });
      return;
    }
    for (const { transitionId: id, target } of next) {
      const onward = new Map<string, Edge[]>();
      for (const [key, walk] of reached) {
        for (const edge of nodes.get(key)?.out ?? []) {
          if (edge.transitionId === id && !onward.has(edge.to)) onward.set(edge.to, [...walk, edge]);
        }
      }
      visited.add(target as string);
      if (onward.size > 0) follow(target as string, visited, [...prefix, id], onward);
      else {
        const count = countFrom(target as string, visited);
        blocked.push({ prefix, blockedAt: id, count, reason: whyBlocked[id] ?? '' });
      }
      visited.delete(target as string);
    }
  };
  const initialStateId = atomicIdOf(initial);
  follow(initialStateId, new Set([initialStateId]), [], new Map([[initial, []]]));
  return { routes, blocked, total };
}

/** The atomic state a concrete state's key is in. */
function atomicIdOf(key: string): string {
  const node = journeyGraph().nodes.get(key);
  if (!node) throw new Error(`no concrete state ${key}`);
  return stateIdOf(node.state);
}
