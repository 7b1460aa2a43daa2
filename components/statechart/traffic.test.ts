import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { journeyChart } from '@/machines/chart';
import { layOutChart } from './layout';
import { countSuffix, mostFailures, strokeWidthFor } from './traffic';

const { states, transitions } = journeyChart();
const everyCompound = new Set(states.filter((state) => state.kind !== 'atomic').map((state) => state.id));
const outcomesOf = (actor: string) =>
  transitions.filter((transition) => transition.event.endsWith(`.actor.${actor}`));

describe('traffic on the chart', () => {
  it("lists the failing outcomes with most failures first, each with its step's attempts", () => {
    const signIn = outcomesOf('signIn');
    const done = signIn.find((transition) => transition.event.startsWith('xstate.done'));
    const errors = signIn.filter((transition) => transition.event.startsWith('xstate.error'));
    const [expired] = outcomesOf('checkResetLink').filter((transition) =>
      transition.event.startsWith('xstate.error'),
    );
    assert.ok(done && errors.length === 2 && expired);
    const counts = {
      [done.id]: 90,
      [errors[0]?.id as string]: 2,
      [errors[1]?.id as string]: 8,
      [expired.id]: 5,
    };
    const failing = mostFailures(transitions, counts);
    assert.deepEqual(
      failing.map(({ transition, failures, attempts }) => [transition.id, failures, attempts]),
      [
        [errors[1]?.id, 8, 100],
        [expired.id, 5, 5],
        [errors[0]?.id, 2, 100],
      ],
    );
    assert.deepEqual(mostFailures(transitions, {}), [], 'no traffic, no failures');
  });

  it('writes a count on the chart exactly below a thousand, and in two figures above', () => {
    assert.deepEqual([7, 999, 1234, 12_345, 123_456, 1_234_567].map(countSuffix), [
      ' · 7',
      ' · 999',
      ' · 1.2k',
      ' · 12k',
      ' · 120k',
      ' · 1.2m',
    ]);
  });

  it('draws an arrow thicker for more traffic, by area, from 1.5 px to 7 px', () => {
    assert.equal(strokeWidthFor(0, 100), 1.5);
    assert.equal(strokeWidthFor(100, 100), 7);
    assert.equal(strokeWidthFor(25, 100), 1.5 + 5.5 * 0.5);
    assert.equal(strokeWidthFor(5, 0), 1.5);
  });

  it("writes each transition's count beside its event, on its arrow or exit, and the arrows know theirs", async () => {
    const counts = Object.fromEntries(transitions.map((transition, index) => [transition.id, index * 1000]));
    const layout = await layOutChart(states, transitions, everyCompound, undefined, new Set(), counts);
    const written = new Map<string, string>();
    for (const arrow of layout.transitions) {
      assert.equal(arrow.taken, counts[arrow.id]);
      written.set(arrow.id, arrow.lines[0] as string);
    }
    for (const exit of layout.states.flatMap((state) => state.exits))
      written.set(exit.id, exit.lines[0] as string);
    assert.equal(written.size, transitions.length);
    for (const [id, line] of written) {
      assert.ok(line.endsWith(countSuffix(counts[id] ?? 0)), `${id}: ${line}`);
    }
    const without = await layOutChart(states, transitions, everyCompound);
    assert.ok(without.transitions.every((arrow) => arrow.taken === null && !arrow.lines[0]?.includes('·')));
  });
});
