// A closed-loop load: `concurrency` callers each repeat a task for `seconds`; what each call took is kept.

export type LoadResult = {
  calls: number;
  seconds: number;
  perSecond: number;
  latenciesMs: number[];
  failures: number;
  /** CPU per successful call: this process's (the load, and the work itself when it runs here) and the server's. */
  cpuMsPerCall: { here: number | null; server: number | null };
};

export async function runLoad(
  task: (call: number) => Promise<void>,
  concurrency: number,
  seconds: number,
  serverCpuMs: () => number | null = () => null,
): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const cpuBefore = process.cpuUsage();
  const serverBefore = serverCpuMs();
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
  const cpuHere = process.cpuUsage(cpuBefore);
  const serverAfter = serverCpuMs();
  // Failed calls' CPU is in the totals too: a run with failures says so beside its figures.
  const perCall = (ms: number) => (latenciesMs.length > 0 ? ms / latenciesMs.length : null);
  return {
    cpuMsPerCall: {
      here: perCall((cpuHere.user + cpuHere.system) / 1000),
      server: serverBefore === null || serverAfter === null ? null : perCall(serverAfter - serverBefore),
    },
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
