// "Every path", made finite: one path set per coverage criterion, and `full`, their union, which CI runs.
import { journeyChart, stateIdOf } from '@/machines/chart';
import { chartPairs, chartRoutes, pairsOf, reachablePairs } from './criteria';
import { describeEvent } from './describe';
import {
  type Edge,
  edgeName,
  journeyGraph,
  keyOf,
  type PathStep,
  realise,
  transitionTaken,
} from './journeyGraph';

/**
 * transitions: the shortest walk to every concrete state (every context that decides the server's answers),
 *   then each edge from it: every transition in every such context.
 * routes: every loop-free route through the chart that the system can take, each by one walk.
 * pairs: every two consecutive transitions the system can take (transition-pair, or 1-switch, coverage).
 * full: the three together, without the paths that are the start of another. What CI runs.
 */
export const pathSets = ['transitions', 'routes', 'pairs', 'full'] as const;
export type PathSet = (typeof pathSets)[number];
export const defaultPathSet: PathSet = 'full';

/** No set may hold more paths than this: past it, generating fails and says so rather than running for hours. */
export const PATH_SET_BOUND = 2_000;
/** A pair path strings uncovered pairs together up to this many steps, so that no path grows without end. */
const PAIR_PATH_MAX_STEPS = 30;

export type { PathStep };
export type JourneyPath = { title: string; steps: PathStep[]; route?: string };

function transitionsWalks(): Edge[][] {
  const { nodes, shortest } = journeyGraph();
  return [...nodes].flatMap(([key, { out }]) => out.map((edge) => [...(shortest.get(key) ?? []), edge]));
}

function routeWalks(): Edge[][] {
  return chartRoutes().routes.map((route) => route.walk);
}

const pairsOfWalk = (walk: Edge[]) => pairsOf(walk.map((edge) => edge.transitionId));

/**
 * Walks that take every reachable pair: the shortest way to a pair's first edge, the pair, then on along edges
 * that each take one more pair no walk takes yet, while there is one.
 */
function pairWalks(): Edge[][] {
  const { nodes, shortest } = journeyGraph();
  const covered = new Set<string>();
  const walks: Edge[][] = [];
  for (const [name, [first, second]] of reachablePairs()) {
    if (covered.has(name)) continue;
    const walk = [...(shortest.get(first.from) ?? []), first, second];
    for (const pair of pairsOfWalk(walk)) covered.add(pair);
    while (walk.length < PAIR_PATH_MAX_STEPS) {
      const last = walk.at(-1) as Edge;
      const onward = nodes
        .get(last.to)
        ?.out.find(
          (edge) =>
            edge.transitionId && !covered.has(pairsOf([last.transitionId, edge.transitionId])[0] ?? ''),
        );
      if (!onward) break;
      walk.push(onward);
      for (const pair of pairsOfWalk(walk.slice(-2))) covered.add(pair);
    }
    walks.push(walk);
  }
  return walks;
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
  // Each route names the first path that takes it whole: the route's own walk, or one that goes on from it.
  for (const route of chartRoutes().routes) {
    const names = route.walk.map(edgeName);
    const taking = paths.find(({ walk }) =>
      names.every((name, index) => walk[index] !== undefined && edgeName(walk[index]) === name),
    );
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
  /** What the generated paths can reach: the seeded data, the server's answers, a new browser at the start. */
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
  const allEdges = [...nodes.values()].flatMap(({ out }) => out.map(edgeName));
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
    measure('transitions in context', new Set(paths.flatMap(edgeNamesOf)), allEdges, allEdges.length),
    measure(
      'loop-free routes',
      new Set(routes.filter((route) => prefixOfSomePath(route.transitionIds)).map((route) => route.name)),
      routes.map((route) => route.name),
      total,
    ),
    measure('transition pairs', new Set(takenTransitions.flatMap(pairsOf)), pairs, chartPairs().length),
  ];
}

/** The concrete edges a path follows. */
function edgeNamesOf(path: JourneyPath): string[] {
  return path.steps.slice(1).map((step, index) => {
    const before = (path.steps[index] as PathStep).state;
    return edgeName({
      from: keyOf(before),
      to: keyOf(step.state),
      event: step.event,
      label: describeEvent(step.event),
      transitionId: null,
    });
  });
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
