// Prints each path set with its figures and its coverage of every criterion; `--list SET` prints its titles,
// `--blocked` the chart's routes the system can never take, with why.
import { chartRoutes } from '@/paths/criteria';
import { coverageOf, graphFigures, pathSetFigures, pathSetFrom, pathSets } from '@/paths/sets';

const args = process.argv.slice(2);
const listed = args.includes('--list') ? pathSetFrom(args[args.indexOf('--list') + 1]) : null;

const graph = graphFigures();
console.log(
  `concrete graph: ${graph.states} states, ${graph.edges} edges; chart: ${graph.routes} loop-free routes; built in ${Math.round(graph.buildMs)} ms (each set's time below comes on top)`,
);
for (const set of pathSets) {
  const { paths, steps, generateMs } = pathSetFigures(set);
  console.log(`\n${set}: ${paths.length} paths, ${steps} steps, generated in ${Math.round(generateMs)} ms`);
  for (const { criterion, covered, reachable, total } of coverageOf(paths)) {
    const share = reachable === 0 ? 100 : Math.floor((covered / reachable) * 100);
    console.log(
      `  ${criterion}: ${covered} / ${reachable} the generator reaches / ${total} in the chart (${share} %)`,
    );
  }
  if (set === listed)
    for (const path of paths) console.log(`    ${path.route ? `[${path.route}] ` : ''}${path.title}`);
}

if (args.includes('--blocked')) {
  const { blocked } = chartRoutes();
  console.log(
    `\nRoutes of the chart no generated path takes (${blocked.reduce((sum, group) => sum + group.count, 0)}):`,
  );
  for (const { prefix, blockedAt, count, reason } of blocked) {
    const after = prefix.length ? `after ${prefix.length} transitions (${prefix.at(-1)})` : 'at once';
    console.log(`  ${count} route${count === 1 ? '' : 's'} needing ${blockedAt} ${after}: ${reason}`);
  }
}
