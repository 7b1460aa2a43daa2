import type { Metadata } from 'next';
import { type ChartPath, type Coverage, StatechartPage } from '@/components/statechart/StatechartPage';
import {
  allTransitionIds,
  defaultPathSet,
  describeEvent,
  journeyPaths,
  transitionIdsByStep,
} from '@/e2e/paths';
import { journeyChart, stateIdOf } from '@/machines/chart';

export const metadata: Metadata = { title: 'The sign-in journey · statechart' };

/** The generated paths (the set CI runs) and what they cover: worked out once, the machine does not change. */
function pathsAndCoverage(): { paths: ChartPath[]; coverage: Coverage } {
  const { states } = journeyChart();
  const paths = journeyPaths(defaultPathSet).map((path) => {
    const byStep = transitionIdsByStep(path.steps);
    return {
      title: path.title,
      steps: path.steps.map((step, index) => ({
        label: describeEvent(step.event),
        stateId: stateIdOf(step.state),
        transitionIds: byStep[index] ?? [],
      })),
    };
  });
  const visited = new Set(paths.flatMap((path) => path.steps.map((step) => step.stateId)));
  const taken = new Set(paths.flatMap((path) => path.steps.flatMap((step) => step.transitionIds)));
  const atomic = states.filter((state) => state.kind === 'atomic').map((state) => state.id);
  const transitions = allTransitionIds();
  return {
    paths,
    coverage: {
      states: { total: atomic.length, uncovered: atomic.filter((id) => !visited.has(id)) },
      transitions: { total: transitions.length, uncovered: transitions.filter((id) => !taken.has(id)) },
    },
  };
}

let computed: ReturnType<typeof pathsAndCoverage> | undefined;

export default function StatechartRoute() {
  computed ??= pathsAndCoverage();
  const { states, transitions } = journeyChart();
  return (
    <StatechartPage
      states={states}
      transitions={transitions}
      paths={computed.paths}
      coverage={computed.coverage}
    />
  );
}
