// Where a generated step's time goes (STEP_TIMINGS=path): each worker adds up the time of each phase and, as it
// exits, writes its sums beside that path for `npm run bench` to read. Off unless asked for.
import { writeFileSync } from 'node:fs';

const target = process.env.STEP_TIMINGS;
const sums: Record<string, number> = {};

// When this worker began its first test and ended, wall clock: the suite's time without the build and the servers' start.
let firstTestAt: number | undefined;
if (target)
  process.on('exit', () =>
    writeFileSync(
      `${target}.${process.pid}.json`,
      JSON.stringify({ ...sums, firstTestAt, endedAt: Date.now() }),
    ),
  );

/** Runs one phase of a step (or of a test's set-up) and adds its time to the phase's sum. */
export async function timed<T>(phase: string, work: () => Promise<T>): Promise<T> {
  if (!target) return work();
  const started = performance.now();
  try {
    return await work();
  } finally {
    sums[phase] = (sums[phase] ?? 0) + performance.now() - started;
  }
}

/** Counts something (steps, tests) beside the sums, to divide them by. */
export function count(what: string, by = 1): void {
  if (!target) return;
  if (what === 'tests') firstTestAt ??= Date.now();
  sums[what] = (sums[what] ?? 0) + by;
}
