// The generated suite's figures: paths, steps, time to generate, and the time of a whole run of a set.
import { spawnSync } from 'node:child_process';
import { type PathSet, pathSetFigures } from '@/e2e/paths';

export type SuiteFigures = {
  set: PathSet;
  paths: number;
  steps: number;
  generateMs: number;
  runSeconds: number | null;
};

export function generate(set: PathSet): Omit<SuiteFigures, 'runSeconds'> {
  const { paths, steps, generateMs } = pathSetFigures(set);
  return { set, paths: paths.length, steps, generateMs };
}

/** Runs the set in Playwright (production build and all, as CI does); its wall-clock seconds, or null if it failed. */
export function runSuite(set: PathSet): number | null {
  const started = performance.now();
  const run = spawnSync('npx', ['playwright', 'test', 'e2e/journey.spec.ts', '--reporter=dot'], {
    env: { ...process.env, PATHS: set, CI: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return run.status === 0 ? (performance.now() - started) / 1000 : null;
}
