import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mostFailures } from '@/components/statechart/traffic';
import { journeyChart } from '@/machines/chart';
import { demoVisit } from './demoTraffic';

/** A seeded random sequence (mulberry32), so the test sees the same visits every run. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("the demo's traffic", () => {
  const { transitions } = journeyChart();
  const byId = new Map(transitions.map((transition) => [transition.id, transition]));
  const random = seeded(7);
  const visits = Array.from({ length: 300 }, () => demoVisit(random));

  it('walks the machine: every visit starts where the app opens, and takes only transitions of the chart', () => {
    for (const visit of visits.filter((taken) => taken.length > 0)) {
      assert.equal(byId.get(visit[0] as string)?.sourceId, 'journey.checkingSession');
      for (const id of visit) assert.ok(byId.has(id), id);
    }
  });

  it('looks like real use: most visits sign in, and no step fails more often than it works', () => {
    const signedIn = visits.filter((visit) =>
      visit.some((id) => byId.get(id)?.sourceId.startsWith('journey.signedIn')),
    );
    assert.ok(signedIn.length > visits.length / 2, `${signedIn.length} of ${visits.length} signed in`);
    const counts: Record<string, number> = {};
    for (const id of visits.flat()) counts[id] = (counts[id] ?? 0) + 1;
    for (const { transition, failures, attempts } of mostFailures(transitions, counts, transitions.length))
      assert.ok(failures / attempts < 0.5, `${transition.id}: ${failures} of ${attempts}`);
  });
});
