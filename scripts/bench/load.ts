// A closed-loop load: `concurrency` callers each repeat a task for `seconds`; what each call took is kept.

export type LoadResult = {
  calls: number;
  seconds: number;
  perSecond: number;
  latenciesMs: number[];
  failures: number;
};

export async function runLoad(
  task: (call: number) => Promise<void>,
  concurrency: number,
  seconds: number,
): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let failures = 0;
  let calls = 0;
  const started = performance.now();
  const endAt = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < endAt) {
        const call = calls++;
        const before = performance.now();
        try {
          await task(call);
          latenciesMs.push(performance.now() - before);
        } catch {
          failures += 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    calls: latenciesMs.length,
    seconds: elapsed,
    perSecond: latenciesMs.length / elapsed,
    latenciesMs,
    failures,
  };
}

/** The latency below which this share of calls finished (nearest rank). */
export function percentile(latenciesMs: number[], share: number): number {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}
