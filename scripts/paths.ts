// Prints the generated test paths of each set, titled as the Playwright report names them, with their counts.
import { journeyPaths, pathSets } from '@/e2e/paths';

// The full set takes minutes to build (thousands of simple paths): it is counted only with --full.
const sets = process.argv.includes('--full') ? pathSets : pathSets.filter((set) => set !== 'full');
for (const set of sets) {
  const started = performance.now();
  const paths = journeyPaths(set);
  const milliseconds = Math.round(performance.now() - started);
  const steps = paths.reduce((total, path) => total + path.steps.length, 0);
  console.log(`\n${set} set: ${paths.length} paths, ${steps} steps (generated in ${milliseconds} ms)`);
  // The full set runs to thousands of paths: its titles are printed only when asked for (--list-full).
  if (set !== 'full' || process.argv.includes('--list-full'))
    for (const path of paths) console.log(`  ${path.title}`);
}
