// Prints the generated test paths of each set, titled as the Playwright report names them, with their counts.
import { pathSetFigures, pathSets } from '@/e2e/paths';

// The full set (every simple path) takes longer than 15 minutes to build: it is tried only with --full.
const sets = process.argv.includes('--full') ? pathSets : pathSets.filter((set) => set !== 'full');
for (const set of sets) {
  const { paths, steps, generateMs } = pathSetFigures(set);
  console.log(
    `\n${set} set: ${paths.length} paths, ${steps} steps (generated in ${Math.round(generateMs)} ms)`,
  );
  // The full set runs to thousands of paths: its titles are printed only when asked for (--list-full).
  if (set !== 'full' || process.argv.includes('--list-full'))
    for (const path of paths) console.log(`  ${path.title}`);
}
