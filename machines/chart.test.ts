import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createActor } from 'xstate';
import { allStateNodes, eventLabel, journeyChart, stateIdOf, transitionId } from './chart';
import { journeyMachine } from './journey';

const chart = journeyChart();
const stateById = new Map(chart.states.map((state) => [state.id, state]));
const transitionsFrom = (sourceId: string, event: string) =>
  chart.transitions.filter((transition) => transition.sourceId === sourceId && transition.event === event);

describe('the chart read from the machine', () => {
  it('lists the machine itself first, then every state once, each under its parent', () => {
    assert.deepEqual(chart.states[0], {
      id: 'journey',
      name: 'journey',
      parentId: null,
      kind: 'compound',
      isInitial: false,
      description: '',
    });
    assert.equal(stateById.size, chart.states.length);
    assert.equal(chart.states.length, allStateNodes().length);
    for (const state of chart.states.slice(1)) {
      assert.equal(state.id, `${state.parentId}.${state.name}`, state.id);
      assert.ok(stateById.has(state.parentId as string), `${state.id}'s parent is on the chart`);
    }
  });

  it('marks exactly one initial state in each compound state, the one the machine starts it in', () => {
    const compound = chart.states.filter((state) => state.kind === 'compound');
    assert.ok(compound.length > 1);
    for (const parent of compound) {
      const initial = chart.states.filter((state) => state.parentId === parent.id && state.isInitial);
      assert.equal(initial.length, 1, `${parent.id} has one initial state`);
    }
    assert.equal(stateById.get('journey.checkingSession')?.isInitial, true);
    assert.equal(stateById.get('journey.signedOut.welcome')?.isInitial, true);
    assert.equal(stateById.get('journey.signedOut.identify')?.isInitial, false);
  });

  it("gives each state its kind and the machine's own description", () => {
    assert.equal(stateById.get('journey.signedOut')?.kind, 'compound');
    assert.equal(stateById.get('journey.signedOut.identify')?.kind, 'atomic');
    assert.match(stateById.get('journey.signedOut.identify')?.description ?? '', /^The user types an email/);
    for (const node of allStateNodes().slice(1))
      assert.equal(stateById.get(node.id)?.description, node.meta?.description, node.id);
  });

  it('names each transition by its source, event and place among those, and no two alike', () => {
    const [valid, invalid] = transitionsFrom('journey.signedOut.identify', 'SUBMIT_EMAIL');
    assert.equal(valid?.id, 'journey.signedOut.identify on SUBMIT_EMAIL #1');
    assert.equal(invalid?.id, 'journey.signedOut.identify on SUBMIT_EMAIL #2');
    assert.equal(new Set(chart.transitions.map(({ id }) => id)).size, chart.transitions.length);
    const node = journeyMachine.getStateNodeById('journey.signedOut.identify');
    const second = node.transitions.get('SUBMIT_EMAIL')?.[1];
    assert.ok(second);
    assert.equal(transitionId(second), 'journey.signedOut.identify on SUBMIT_EMAIL #2');
  });

  it('labels a transition with its event and its guard, and knows where it goes', () => {
    const [valid, invalid] = transitionsFrom('journey.signedOut.identify', 'SUBMIT_EMAIL');
    assert.deepEqual(valid, {
      id: 'journey.signedOut.identify on SUBMIT_EMAIL #1',
      sourceId: 'journey.signedOut.identify',
      targetIds: ['journey.signedOut.identifying'],
      event: 'SUBMIT_EMAIL',
      guard: 'isEmailFormatValid',
      label: 'SUBMIT_EMAIL [isEmailFormatValid]',
    });
    // A refusal stays where it is: no target, no guard.
    assert.deepEqual(invalid?.targetIds, []);
    assert.equal(invalid?.guard, null);
    assert.equal(invalid?.label, 'SUBMIT_EMAIL');
    // A guard named by a string reads the same as one with parameters.
    const [sso] = transitionsFrom('journey.signedOut.method', 'START_SSO');
    assert.equal(sso?.guard, 'offersSso');
    assert.equal(sso?.label, 'START_SSO [offersSso]');
  });

  it("reads an actor's outcome as its name with a tick or a cross", () => {
    const [needsNumber] = transitionsFrom('journey.signedOut.identifying', 'xstate.done.actor.identify');
    assert.equal(needsNumber?.label, 'identify ✓ [needsAccountNumber]');
    const [failed] = transitionsFrom('journey.signedOut.identifying', 'xstate.error.actor.identify');
    assert.equal(failed?.label, 'identify ✗');
    assert.equal(eventLabel('xstate.done.actor.signIn'), 'signIn ✓');
    assert.equal(eventLabel('xstate.error.actor.signIn'), 'signIn ✗');
    assert.equal(eventLabel('SUBMIT_PASSWORD'), 'SUBMIT_PASSWORD');
    // Only a whole actor event is shortened.
    assert.equal(eventLabel('xstate.done.actor.'), 'xstate.done.actor.');
    assert.equal(eventLabel('my.xstate.done.actor.signIn'), 'my.xstate.done.actor.signIn');
    assert.equal(eventLabel('xstate.done.actor.signIn!'), 'signIn! ✓');
  });
});

describe('the state a snapshot is in', () => {
  it('is its one atomic state', () => {
    const actor = createActor(journeyMachine);
    assert.equal(stateIdOf(actor.getSnapshot()), 'journey.checkingSession');
  });

  it('is refused when the snapshot is in no atomic state, or in more than one', () => {
    const [journey, signedOut, welcome, identify] = [
      'journey',
      'journey.signedOut',
      'journey.signedOut.welcome',
      'journey.signedOut.identify',
    ].map((id) => (id === 'journey' ? journeyMachine.root : journeyMachine.getStateNodeById(id)));
    const snapshotIn = (nodes: unknown[]) =>
      ({ _nodes: nodes }) as unknown as Parameters<typeof stateIdOf>[0];
    assert.throws(() => stateIdOf(snapshotIn([journey, signedOut])), /expected one atomic state, got $/);
    assert.throws(
      () => stateIdOf(snapshotIn([journey, signedOut, welcome, identify])),
      /expected one atomic state, got journey\.signedOut\.welcome,journey\.signedOut\.identify/,
    );
    assert.equal(stateIdOf(snapshotIn([journey, signedOut, welcome])), 'journey.signedOut.welcome');
  });
});
