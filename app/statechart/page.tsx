import type { Metadata } from 'next';
import { type ChartPath, type Coverage, StatechartPage } from '@/components/statechart/StatechartPage';
import { TRAFFIC_DAYS } from '@/components/statechart/traffic';
import { journeyChart, stateIdOf } from '@/machines/chart';
import { demoWorld } from '@/paths/demoWorld';
import { describeEvent } from '@/paths/describe';
import { coverageOf, defaultPathSet, journeyPaths, transitionIdsByStep } from '@/paths/sets';
import { stateScreens } from '@/server/stateScreens';
import { trafficOfLastDays } from '@/server/traffic';

export const metadata: Metadata = { title: 'The sign-in journey · statechart' };
// The screens on the chart (the latest QA run's) and its traffic are read on each visit.
export const dynamic = 'force-dynamic';

/** The generated paths (the set CI runs) and what they cover: worked out once, the machine does not change. */
function pathsAndCoverage(): { paths: ChartPath[]; coverage: Coverage } {
  const generated = journeyPaths(defaultPathSet);
  const paths = generated.map((path) => {
    const byStep = transitionIdsByStep(path.steps);
    return {
      title: path.title,
      ...(path.route ? { route: path.route } : {}),
      steps: path.steps.map((step, index) => ({
        label: describeEvent(step.event),
        stateId: stateIdOf(step.state),
        transitionIds: byStep[index] ? [byStep[index]] : [],
      })),
    };
  });
  return { paths, coverage: coverageOf(generated) };
}

let computed: ReturnType<typeof pathsAndCoverage> | undefined;

export default async function StatechartRoute() {
  computed ??= pathsAndCoverage();
  const { states, transitions } = journeyChart();
  return (
    <StatechartPage
      states={states}
      transitions={transitions}
      paths={computed.paths}
      coverage={computed.coverage}
      world={demoWorld}
      screens={stateScreens()}
      traffic={await trafficOfLastDays(TRAFFIC_DAYS)}
    />
  );
}
