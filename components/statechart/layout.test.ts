import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventLabel, journeyChart } from '@/machines/chart';
import { arrowTransitions, layOutChart } from './layout';

const { states, transitions } = journeyChart();
const order = new Map(states.map((state, index) => [state.id, index]));
const everyCompound = new Set(states.filter((state) => state.kind !== 'atomic').map((state) => state.id));

describe('the chart as a storyboard', () => {
  const arrows = transitions.filter((transition) => arrowTransitions(states, transitions).has(transition.id));

  it('enters every atomic state but the first by exactly one arrow, from an atomic state before it', () => {
    const atomic = states.filter((state) => state.kind === 'atomic');
    const entering = (id: string) =>
      arrows.filter(({ targetIds }) => {
        // An arrow into a compound state enters its initial state, and so on down.
        let target = targetIds[0];
        for (;;) {
          const children = states.filter((state) => state.parentId === target);
          const initial = children.find((child) => child.isInitial) ?? children[0];
          if (!initial) break;
          target = initial.id;
        }
        return target === id;
      });
    assert.deepEqual(
      atomic.filter((state) => entering(state.id).length !== 1).map((state) => state.id),
      [atomic[0]?.id],
    );
    for (const arrow of arrows) {
      assert.equal(states.find((state) => state.id === arrow.sourceId)?.kind, 'atomic', arrow.id);
      assert.ok((order.get(arrow.sourceId) ?? 0) < (order.get(arrow.targetIds[0] ?? '') ?? 0), arrow.id);
    }
  });

  it('draws every transition of the machine once, as an arrow or as an exit written in its source', async () => {
    const layout = await layOutChart(states, transitions, everyCompound);
    const drawn = [
      ...layout.transitions.map((transition) => transition.id),
      ...layout.states.flatMap((state) => state.exits.map((exit) => exit.id)),
    ];
    assert.deepEqual(drawn.toSorted(), transitions.map((transition) => transition.id).toSorted());
    for (const state of layout.states)
      for (const exit of state.exits) assert.equal(exit.sourceId, state.id, exit.id);
  });

  it('writes an exit as its event, where it goes, and its guard, one line each', async () => {
    const layout = await layOutChart(states, transitions, everyCompound);
    const exits = layout.states.flatMap((state) => state.exits);
    const stays = exits.find((exit) => exit.targetIds.length === 0 && exit.guard);
    assert.ok(stays, 'an exit that stays, with a guard');
    assert.deepEqual(stays.lines, [eventLabel(stays.event), '↺ stays', `[${stays.guard}]`]);
    const back = exits.find((exit) => exit.event === 'BACK' && !exit.guard);
    assert.ok(back, 'a BACK without a guard');
    const target = states.find((state) => state.id === back.targetIds[0]);
    assert.deepEqual(back.lines, ['BACK', `→ ${target?.name}`]);
  });
});
