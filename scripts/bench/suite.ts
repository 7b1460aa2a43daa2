// The generated suite's figures: paths, steps, time to generate, and the time of a whole run of a set.
import { spawnSync } from 'node:child_process';
import { type PathSet, pathSetFigures } from '@/e2e/paths';

export type SuiteFigures = { set: PathSet; paths: number; steps: number; generateMs: number };

export function generate(set: PathSet): SuiteFigures {
  const { paths, steps, generateMs } = pathSetFigures(set);
  return { set, paths: paths.length, steps, generateMs };
}

export type Generated = { ok: true; figures: SuiteFigures } | { ok: false; timedOut: boolean };

/**
 * The full set (every simple path) is generated in a child process given `seconds`: it has outgrown any time
 * a run could take, and the report says so rather than waiting for it.
 */
export function generateFullSetWithin(seconds: number): Generated {
  const run = spawnSync(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'scripts/paths.ts', '--full'],
    { encoding: 'utf8', timeout: seconds * 1000, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const counted = /^full set: (\d+) paths, (\d+) steps \(generated in (\d+) ms\)$/m.exec(run.stdout ?? '');
  if (!counted)
    return { ok: false, timedOut: (run.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' };
  return {
    ok: true,
    figures: {
      set: 'full',
      paths: Number(counted[1]),
      steps: Number(counted[2]),
      generateMs: Number(counted[3]),
    },
  };
}

export type SuiteRun = { seconds: number; passed: boolean };

/** Runs the set in Playwright (production build and all, as CI does) and times it, wall clock. */
export function runSuite(set: PathSet): SuiteRun {
  const started = performance.now();
  const run = spawnSync('npx', ['playwright', 'test', 'e2e/journey.spec.ts', '--reporter=dot'], {
    env: { ...process.env, PATHS: set, CI: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { seconds: (performance.now() - started) / 1000, passed: run.status === 0 };
}
