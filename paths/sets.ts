// "Every path", made finite: one path set per coverage criterion, and `full`, their union, which CI runs.

import type { AnyMachineSnapshot } from 'xstate';
import { journeyChart, stateIdOf } from '@/machines/chart';
import { chartPairs, chartRoutes, pairsOf, reachablePairs } from './criteria';
import { describeEvent } from './describe';
import {
  type Edge,
  edgeName,
  journeyGraph,
  keyOf,
  oncePerObject,
  openingSnapshot,
  type PathStep,
  realise,
  stepAlong,
  transitionInContext,
  transitionTaken,
} from './journeyGraph';
import { type AnswerMarks, marksAfter, noMarks } from './samples';

/**
 * transitions: every transition in every context that decides the server's answers (every concrete edge).
 * routes: every loop-free route through the chart that the system can take, each by one walk.
 * pairs: every two consecutive transitions the system can take (transition-pair, or 1-switch, coverage).
 * Pairs and transitions take the starts of the routes' walks (and transitions of the pairs') where those take
 * them, and tours for the rest.
 * full: the three together, without the paths that are the start of another. What CI runs.
 */
export const pathSets = ['transitions', 'routes', 'pairs', 'full'] as const;
export type PathSet = (typeof pathSets)[number];
export const defaultPathSet: PathSet = 'full';

/** No set may hold more paths than this: past it, generating fails and says so rather than running for hours. */
export const PATH_SET_BOUND = 2_000;
/** A path strings uncovered transitions or pairs together up to this many steps, so that no path grows without end. */
const TOUR_MAX_STEPS = 30;

export type { PathStep };
export type JourneyPath = { title: string; steps: PathStep[]; route?: string };

function routeWalks(): Edge[][] {
  return chartRoutes().routes.map((route) => route.walk);
}

const pairsOfWalk = (walk: Edge[]) => pairsOf(walk.map((edge) => edge.transitionId));

/**
 * For each edge (and each pair, named by an edge and the one before it) that one of these walks takes, the
 * start of the first such walk up to it. A criterion takes those, so that in `full` its paths are starts of
 * paths of another set and cost nothing of their own.
 */
function prefixesTaking(walks: Edge[][]): { byEdge: Map<string, Edge[]>; byPair: Map<string, Edge[]> } {
  const byEdge = new Map<string, Edge[]>();
  const byPair = new Map<string, Edge[]>();
  for (const walk of walks) {
    walk.forEach((edge, index) => {
      const prefix = walk.slice(0, index + 1);
      if (!byEdge.has(transitionInContext(edge))) byEdge.set(transitionInContext(edge), prefix);
      for (const pair of pairsOfWalk(walk.slice(Math.max(0, index - 1), index + 1)))
        if (!byPair.has(pair)) byPair.set(pair, prefix);
    });
  }
  return { byEdge, byPair };
}

/** What a tour takes: the items an edge takes after the one before it, and the position it leaves the walk in. */
type Tour = {
  itemsOf: (last: Edge | undefined, edge: Edge) => string[];
  positionOf: (edge: Edge) => string;
  /** A walk that takes the item alone, for one the tour cannot reach. */
  alone: (item: string) => Edge[];
};

/** What the server kept, as a key. */
const keyOfMarks = oncePerObject((marks: AnswerMarks) => [...marks].sort().join());

/** A place the search for the nearest untaken item reached, and the one it came from. */
type Visit = { last: Edge | undefined; marks: AnswerMarks; back?: Visit };

/** The edges from where the search started to a visit, read back along the visits that led there. */
function wayTo(visit: Visit): Edge[] {
  const way: Edge[] = [];
  for (let at: Visit | undefined = visit; at?.back; at = at.back) way.push(at.last as Edge);
  return way.reverse();
}

/**
 * The fewest edges from where a walk stands (after `last`, with what it left on the server) to one that takes an
 * item not taken yet, through none whose answer contradicts what came before: breadth first. With the marks the
 * way leaves. Every tour's every step searches anew, so a look makes no string and copies no way.
 */
function nearestUntaken(
  last: Edge | undefined,
  marks: AnswerMarks,
  untaken: Set<string>,
  tour: Tour,
): { way: Edge[]; marks: AnswerMarks } | null {
  const { initial, nodes } = journeyGraph();
  const seen = new Map<string, Set<string>>();
  const firstVisit = (edge: Edge, left: AnswerMarks) => {
    const position = tour.positionOf(edge);
    if (!seen.has(position)) seen.set(position, new Set());
    const kept = seen.get(position) as Set<string>;
    if (kept.has(keyOfMarks(left))) return false;
    kept.add(keyOfMarks(left));
    return true;
  };
  if (last) firstVisit(last, marks);
  const queue: Visit[] = [{ last, marks }];
  for (let index = 0; index < queue.length; index += 1) {
    const from = queue[index] as Visit;
    const onward = (nodes.get(from.last?.to ?? initial)?.out ?? []).flatMap((edge) => {
      const after = marksAfter(from.marks, edge.event);
      return after ? [{ edge, after }] : [];
    });
    const next = onward.find(({ edge }) => tour.itemsOf(from.last, edge).some((item) => untaken.has(item)));
    if (next) return { way: [...wayTo(from), next.edge], marks: next.after };
    for (const { edge, after } of onward)
      if (firstVisit(edge, after)) queue.push({ last: edge, marks: after, back: from });
  }
  return null;
}

/** The snapshot a walk leads to, step by step; null where the machine cannot follow it. */
function playedOn(state: AnyMachineSnapshot, walk: Edge[]): AnyMachineSnapshot | null {
  let reached: AnyMachineSnapshot | null = state;
  for (const edge of walk) reached = reached && (stepAlong(reached, edge)?.state ?? null);
  return reached;
}

const itemsAlong = (walk: Edge[], tour: Tour) =>
  walk.flatMap((edge, index) => tour.itemsOf(walk[index - 1], edge));

/**
 * Walks that take every item: each goes on from where it stands to the nearest edge that takes one not taken
 * yet, while it stays under its bound and the machine can follow it (a concrete state stands for several
 * snapshots); an item no such walk reaches gets a walk of its own.
 */
function tourWalks(items: string[], tour: Tour): Edge[][] {
  const untaken = new Set(items);
  const take = (edges: Edge[]) => {
    for (const item of itemsAlong(edges, tour)) untaken.delete(item);
  };
  const walks: Edge[][] = [];
  while (untaken.size > 0) {
    const walk: Edge[] = [];
    let state = openingSnapshot();
    let marks = noMarks;
    for (;;) {
      const onward = nearestUntaken(walk.at(-1), marks, untaken, tour);
      if (!onward || walk.length + onward.way.length > TOUR_MAX_STEPS) break;
      const reached = playedOn(state, onward.way);
      if (!reached) break;
      walk.push(...onward.way);
      // The edge before the onward ones makes a pair with the first of them.
      take(walk.slice(Math.max(0, walk.length - onward.way.length - 1)));
      state = reached;
      marks = onward.marks;
    }
    if (walk.length === 0) {
      const item = [...untaken][0] as string;
      walk.push(...(nearestUntaken(undefined, noMarks, new Set([item]), tour)?.way ?? tour.alone(item)));
    }
    take(walk);
    walks.push(walk);
  }
  return walks;
}

/** Every transition in context: the start of a route's or a pair walk's where one takes it; the others on tours. */
function transitionsWalks(): Edge[][] {
  const { nodes, shortest } = journeyGraph();
  const { byEdge } = prefixesTaking([...routeWalks(), ...pairWalks()]);
  // Each transition in context with the first edge that takes it.
  const edges = new Map<string, Edge>();
  for (const { out } of nodes.values())
    for (const edge of out)
      if (!edges.has(transitionInContext(edge))) edges.set(transitionInContext(edge), edge);
  return [
    ...byEdge.values(),
    ...tourWalks(
      [...edges.keys()].filter((name) => !byEdge.has(name)),
      {
        itemsOf: (_, edge) => [transitionInContext(edge)],
        positionOf: (edge) => edge.to,
        alone: (name) => {
          const edge = edges.get(name) as Edge;
          return [...(shortest.get(edge.from) ?? []), edge];
        },
      },
    ),
  ];
}

let pairWalksMade: Edge[][] | undefined;

/** Every pair the system can take: the start of a route's walk where one takes it; the others on tours. */
function pairWalks(): Edge[][] {
  if (pairWalksMade) return pairWalksMade;
  const { shortest } = journeyGraph();
  const { byPair } = prefixesTaking(routeWalks());
  const pairs = reachablePairs();
  pairWalksMade = [
    ...byPair.values(),
    ...tourWalks(
      [...pairs.keys()].filter((name) => !byPair.has(name)),
      {
        itemsOf: (last, edge) => (last ? pairsOfWalk([last, edge]) : []),
        positionOf: oncePerObject((edge) => `${edge.to} after ${edge.transitionId}`),
        alone: (name) => {
          const [first, second] = pairs.get(name) as [Edge, Edge];
          return [...(shortest.get(first.from) ?? []), first, second];
        },
      },
    ),
  ];
  return pairWalksMade;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Drops every walk that is the start of a longer one: the longer one checks all it would. */
function withoutPrefixes(walks: Edge[][]): Edge[][] {
  const names = [...new Map(walks.map((walk) => [walk.map(edgeName).join('\n'), walk])).entries()].sort(
    ([a], [b]) => byText(a, b),
  );
  // Sorted, a walk's extensions follow it directly (or after other extensions): one look at the next suffices.
  return names
    .filter(([name], index) => !names[index + 1]?.[0].startsWith(`${name}\n`))
    .map(([, walk]) => walk);
}

function walksOf(set: PathSet): Edge[][] {
  if (set === 'transitions') return transitionsWalks();
  if (set === 'routes') return routeWalks();
  if (set === 'pairs') return pairWalks();
  return [...transitionsWalks(), ...routeWalks(), ...pairWalks()];
}

function titleOf(steps: PathStep[]): string {
  const last = steps.at(-1) as PathStep;
  return `${steps.map((step) => describeEvent(step.event)).join(' → ')} ⇒ ${stateIdOf(last.state)}`;
}

const cache = new Map<PathSet, JourneyPath[]>();

/** The generated paths of a set, in a stable order (by title), each with its title. */
export function journeyPaths(set: PathSet): JourneyPath[] {
  const cached = cache.get(set);
  if (cached) return cached;
  const walks = withoutPrefixes(walksOf(set));
  if (walks.length > PATH_SET_BOUND)
    throw new Error(
      `The ${set} set would hold ${walks.length} paths, more than its bound of ${PATH_SET_BOUND}`,
    );
  const paths = walks
    .map((walk) => {
      const steps = realise(walk);
      return { walk, path: { title: titleOf(steps), steps } as JourneyPath };
    })
    .sort((a, b) => byText(a.path.title, b.path.title));
  // Each route names the first path that takes it whole: the route's own walk, or one that goes on from it. The
  // walks as a tree of their edges, each branch knowing the first path down it: one descent a route.
  type Branch = { first: number; next: Map<string, Branch> };
  const walksTree: Branch = { first: -1, next: new Map() };
  paths.forEach(({ walk }, index) => {
    let branch = walksTree;
    for (const edge of walk) {
      let next = branch.next.get(edgeName(edge));
      if (!next) {
        next = { first: index, next: new Map() };
        branch.next.set(edgeName(edge), next);
      }
      branch = next;
    }
  });
  for (const route of chartRoutes().routes) {
    let branch: Branch | undefined = walksTree;
    for (const edge of route.walk) branch = branch?.next.get(edgeName(edge));
    const taking = branch && paths[branch.first];
    if (taking && !taking.path.route) taking.path.route = route.name;
  }
  const generated = paths.map(({ path }) => path);
  cache.set(set, generated);
  return generated;
}

/** For each step, the transition of the machine its event takes (none for opening the app, or a no-op). */
export function transitionIdsByStep(steps: PathStep[]): Array<string | null> {
  return steps.map((step, index) =>
    index === 0 ? null : transitionTaken((steps[index - 1] as PathStep).state, step.event),
  );
}

export function transitionIdsOf(path: JourneyPath): string[] {
  return transitionIdsByStep(path.steps).filter((id): id is string => id !== null);
}

export type CriterionCoverage = {
  criterion: string;
  covered: number;
  /** What the generated paths can reach: the seeded data, the server's answers, the ways the app opens. */
  reachable: number;
  /** What the chart allows, taken or not. */
  total: number;
  /** What the system can take and no path takes: empty while the set is complete. */
  missed: string[];
};

/** How much of each criterion a set of paths covers. */
export function coverageOf(paths: JourneyPath[]): CriterionCoverage[] {
  const { nodes } = journeyGraph();
  const measure = (criterion: string, taken: Set<string>, reachable: string[], total: number) => ({
    criterion,
    covered: reachable.filter((item) => taken.has(item)).length,
    reachable: reachable.length,
    total,
    missed: reachable.filter((item) => !taken.has(item)),
  });
  const allEdges = [...new Set([...nodes.values()].flatMap(({ out }) => out.map(transitionInContext)))];
  const { routes, total } = chartRoutes();
  const takenTransitions = paths.map(transitionIdsOf);
  const routeKeys = new Set(takenTransitions.map((ids) => ids.join('\n')));
  const prefixOfSomePath = (ids: string[]) =>
    routeKeys.has(ids.join('\n')) || [...routeKeys].some((key) => key.startsWith(`${ids.join('\n')}\n`));
  const chart = journeyChart();
  const machineTransitions = chart.transitions.map((transition) => transition.id);
  const atomicStates = chart.states.filter((state) => state.kind === 'atomic').map((state) => state.id);
  const pairs = [...reachablePairs().keys()];
  const reachableTransitions = machineTransitions.filter((id) =>
    [...nodes.values()].some(({ out }) => out.some((edge) => edge.transitionId === id)),
  );
  const visited = new Set(paths.flatMap((path) => path.steps.map((step) => stateIdOf(step.state))));
  return [
    measure('states', visited, atomicStates, atomicStates.length),
    measure(
      'machine transitions',
      new Set(takenTransitions.flat()),
      reachableTransitions,
      machineTransitions.length,
    ),
    measure(
      'transitions in context',
      new Set(paths.flatMap(transitionsInContextOf)),
      allEdges,
      allEdges.length,
    ),
    measure(
      'loop-free routes',
      new Set(routes.filter((route) => prefixOfSomePath(route.transitionIds)).map((route) => route.name)),
      routes.map((route) => route.name),
      total,
    ),
    measure('transition pairs', new Set(takenTransitions.flatMap(pairsOf)), pairs, chartPairs().length),
  ];
}

/** The transitions in context a path takes. */
function transitionsInContextOf(path: JourneyPath): string[] {
  return path.steps.slice(1).map((step, index) =>
    transitionInContext({
      from: keyOf((path.steps[index] as PathStep).state),
      label: describeEvent(step.event),
      to: keyOf(step.state),
    }),
  );
}

/**
 * Few steps of these paths that still take every machine transition they take, none of them spare: greedy set
 * cover (the path with the most transitions not yet taken for each of its steps first), then any path whose
 * transitions the others all take is dropped. What the cluster runs (e2e/cluster.spec.ts).
 */
export function transitionCover(paths: JourneyPath[]): JourneyPath[] {
  const candidates = paths.map((path) => ({ path, ids: new Set(transitionIdsOf(path)) }));
  const untaken = new Set(candidates.flatMap(({ ids }) => [...ids]));
  const chosen: typeof candidates = [];
  while (untaken.size > 0) {
    const gain = ({ path, ids }: (typeof candidates)[number]) =>
      [...ids].filter((id) => untaken.has(id)).length / path.steps.length;
    const best = candidates.reduce((a, b) => (gain(b) > gain(a) ? b : a));
    chosen.push(best);
    for (const id of best.ids) untaken.delete(id);
  }
  // Greedy may take a path early whose transitions later ones all take too: such a path goes, the longest first.
  const needed = [...chosen].sort((a, b) => b.path.steps.length - a.path.steps.length);
  for (const candidate of [...needed]) {
    const others = needed.filter((other) => other !== candidate);
    if ([...candidate.ids].every((id) => others.some((other) => other.ids.has(id))))
      needed.splice(needed.indexOf(candidate), 1);
  }
  return needed.map(({ path }) => path).sort((a, b) => byText(a.title, b.title));
}

/** The set named by PATHS (default `full`); anything else stops the run before a browser starts. */
export function pathSetFrom(value: string | undefined): PathSet {
  const set = value === undefined || value === '' ? defaultPathSet : value;
  if (!(pathSets as readonly string[]).includes(set))
    throw new Error(
      `PATHS must be one of ${pathSets.join(', ')} (default ${defaultPathSet}); got "${value}"`,
    );
  return set as PathSet;
}

/** Builds what every set walks on (the concrete graph, the chart's routes) and says how long it took. */
export function graphFigures() {
  const started = performance.now();
  const { nodes } = journeyGraph();
  const { total } = chartRoutes();
  const edges = [...nodes.values()].reduce((sum, node) => sum + node.out.length, 0);
  return { states: nodes.size, edges, routes: total, buildMs: performance.now() - started };
}

/** A set's size and how long it takes to generate: what `npm run paths` and `npm run bench` print. */
export function pathSetFigures(set: PathSet) {
  const started = performance.now();
  const paths = journeyPaths(set);
  const generateMs = performance.now() - started;
  return { set, paths, steps: stepsOf(paths), generateMs };
}

export const stepsOf = (paths: JourneyPath[]) => paths.reduce((total, path) => total + path.steps.length, 0);
