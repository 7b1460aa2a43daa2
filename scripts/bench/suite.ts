// The generated suite's figures: paths, steps, time to generate, and the time of a whole run of a set.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type PathSet, pathSetFigures } from '@/paths/sets';

export type SuiteFigures = { set: PathSet; paths: number; steps: number; generateMs: number };

export function generate(set: PathSet): SuiteFigures {
  const { paths, steps, generateMs } = pathSetFigures(set);
  return { set, paths: paths.length, steps, generateMs };
}

export type SuiteRun = {
  /** The whole run, wall clock: the production build and the servers' start included, as CI has it. */
  seconds: number;
  /** From the first test's start to the last worker's end: what the steps cost. */
  testSeconds: number;
  passed: boolean;
  /** Each phase's time summed over the workers, in ms a step: where a step's time goes. */
  phasesPerStep: Record<string, number>;
};

/** Runs the set in Playwright (production build and all, as CI does), timed, with the workers' phase sums. */
export function runSuite(set: PathSet): SuiteRun {
  const folder = mkdtempSync(path.join(tmpdir(), 'step-timings-'));
  const started = performance.now();
  const run = spawnSync('npx', ['playwright', 'test', 'e2e/journey.spec.ts', '--reporter=dot'], {
    env: { ...process.env, PATHS: set, CI: '1', STEP_TIMINGS: path.join(folder, 'worker') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const seconds = (performance.now() - started) / 1000;
  const workers = readdirSync(folder).map(
    (name) => JSON.parse(readFileSync(path.join(folder, name), 'utf8')) as Record<string, number>,
  );
  rmSync(folder, { recursive: true, force: true });
  const sums: Record<string, number> = {};
  for (const worker of workers)
    for (const [key, value] of Object.entries(worker))
      if (key !== 'firstTestAt' && key !== 'endedAt') sums[key] = (sums[key] ?? 0) + value;
  const firstTestAt = Math.min(...workers.map((worker) => worker.firstTestAt ?? Number.POSITIVE_INFINITY));
  const endedAt = Math.max(...workers.map((worker) => worker.endedAt ?? 0));
  const steps = sums.steps ?? 0;
  const phasesPerStep = Object.fromEntries(
    Object.entries(sums)
      .filter(([key]) => key !== 'steps' && key !== 'tests')
      .map(([key, value]) => [key, steps ? value / steps : 0]),
  );
  const testSeconds = Number.isFinite(firstTestAt) ? (endedAt - firstTestAt) / 1000 : seconds;
  return { seconds, testSeconds, passed: run.status === 0, phasesPerStep };
}
