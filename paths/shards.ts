// Playwright's --shard=k/n splits the tests it collects into n runs of consecutive tests, equal in number. The
// paths are put in an order where every run of consecutive paths holds about its share of the steps, so that
// those shards are balanced by steps, whatever n is, with Playwright's own sharding as the engine.
import { type JourneyPath, stepsOf } from './sets';

/**
 * The paths reordered so that the steps of the first k paths stay as close as they can to k times the mean:
 * each place takes the path that brings the running sum nearest its share. Stable: ties go by title order.
 */
export function inShardOrder(paths: JourneyPath[]): JourneyPath[] {
  const mean = stepsOf(paths) / Math.max(paths.length, 1);
  const left = [...paths];
  const ordered: JourneyPath[] = [];
  let sum = 0;
  while (left.length > 0) {
    const share = mean * (ordered.length + 1);
    let best = 0;
    for (let index = 1; index < left.length; index += 1) {
      const distance = (path: JourneyPath) => Math.abs(sum + path.steps.length - share);
      if (distance(left[index] as JourneyPath) < distance(left[best] as JourneyPath)) best = index;
    }
    const [taken] = left.splice(best, 1) as [JourneyPath];
    sum += taken.steps.length;
    ordered.push(taken);
  }
  return ordered;
}

/** Reads `--shard=k/n` (or `--shard k/n`) from a command line; anything malformed stops with what is allowed. */
export function shardFrom(args: readonly string[]): { current: number; total: number } | null {
  const index = args.findIndex((arg) => arg === '--shard' || arg.startsWith('--shard='));
  if (index === -1) return null;
  const arg = args[index] as string;
  const value = arg === '--shard' ? args[index + 1] : arg.slice('--shard='.length);
  const match = /^(\d+)\/(\d+)$/.exec(value ?? '');
  const [current, total] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || total < 1 || current < 1 || current > total)
    throw new Error(`--shard must be k/n with 1 ≤ k ≤ n (for example --shard=1/4); got "${value ?? ''}"`);
  return { current, total };
}
