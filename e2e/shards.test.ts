import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { journeyPaths, stepsOf } from '@/paths/sets';

const playwrightCli = createRequire(import.meta.url).resolve('@playwright/test/cli');

type ListedSuite = { title: string; specs?: Array<{ title: string }>; suites?: ListedSuite[] };

/** The titles of the generated tests Playwright itself puts in shard k of n (`--list`: nothing runs). */
async function titlesInShard(shard: string): Promise<string[]> {
  // Playwright's own command line, run by this Node: through npx, each listing also started npm.
  const { stdout: listed } = await promisify(execFile)(
    process.execPath,
    [playwrightCli, 'test', 'e2e/journey.spec.ts', '--list', `--shard=${shard}`, '--reporter=json'],
    { encoding: 'utf8', env: { ...process.env, PATHS: 'full' }, maxBuffer: 64 * 1024 * 1024 },
  );
  const titles = (suite: ListedSuite): string[] => [
    ...(suite.specs ?? []).map((spec) => spec.title),
    ...(suite.suites ?? []).flatMap(titles),
  ];
  return (JSON.parse(listed) as { suites: ListedSuite[] }).suites.flatMap(titles);
}

describe('shards of the full set, as Playwright makes them', () => {
  const full = journeyPaths('full');
  const stepsByTitle = new Map(full.map((path) => [path.title, path.steps.length]));
  const longest = Math.max(...stepsByTitle.values());

  for (const total of [2, 4]) {
    it(`splits full into ${total} shards that hold every path once, balanced by steps`, async () => {
      // Each listing is a Playwright process of its own, a few seconds of one core: side by side, they use both.
      const shards = await Promise.all(
        Array.from({ length: total }, (_, index) => titlesInShard(`${index + 1}/${total}`)),
      );
      const listed = shards.flat();
      assert.equal(new Set(listed).size, listed.length, 'a path in two shards');
      assert.deepEqual([...listed].sort(), full.map((path) => path.title).sort());
      const share = stepsOf(full) / total;
      for (const [index, titles] of shards.entries()) {
        const steps = titles.reduce((sum, title) => sum + (stepsByTitle.get(title) ?? 0), 0);
        assert.ok(
          Math.abs(steps - share) <= longest,
          `shard ${index + 1}/${total}: ${steps} steps, share ${share}`,
        );
      }
    });
  }
});
