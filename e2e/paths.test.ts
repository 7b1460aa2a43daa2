import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventTable } from './events';
import { allStateNodes, allTransitionIds, journeyPaths, pathSets, stateIdOf, transitionIdsOf } from './paths';
import { userEventSamples } from './samples';
import { stateTable } from './states';

const atomicStateIds = allStateNodes()
  .filter((node) => node.type === 'atomic')
  .map((node) => node.id)
  .sort();
const machineEventTypes = [
  ...new Set(allStateNodes().flatMap((node) => [...node.transitions.keys()])),
].sort();

describe('the generated paths and the machine agree', () => {
  // The full set is thousands of simple paths: its coverage is the edges set's, which it contains.
  for (const set of pathSets.filter((name) => name !== 'full')) {
    describe(`the ${set} path set`, () => {
      const paths = journeyPaths(set);

      it('visits every atomic state of the machine', () => {
        const visited = new Set(paths.flatMap((path) => path.steps.map((step) => stateIdOf(step.state))));
        assert.deepEqual(
          atomicStateIds.filter((id) => !visited.has(id)),
          [],
        );
      });

      it('takes every transition of the machine', () => {
        const taken = new Set(paths.flatMap(transitionIdsOf));
        assert.deepEqual(
          allTransitionIds().filter((id) => !taken.has(id)),
          [],
        );
      });

      it('gives every path its own title, as Playwright needs', () => {
        const titles = paths.map((path) => path.title);
        assert.equal(new Set(titles).size, titles.length);
      });

      it('starts every path by opening the app', () => {
        for (const path of paths) assert.equal(path.steps[0]?.event.type, 'xstate.init');
      });
    });
  }

  // The full set is the edges set plus every simple path (see journeyPaths): too many to build in a unit test.
  it('has an edges set that holds every path of the quick set, or one that extends it', () => {
    const [quick, edges] = (['quick', 'edges'] as const).map((set) =>
      journeyPaths(set).map((path) => path.title.split(' ⇒ ')[0] as string),
    ) as [string[], string[]];
    const heldByEdges = (events: string) =>
      edges.some((title) => title === events || title.startsWith(`${events} → `));
    assert.deepEqual(
      quick.filter((events) => !heldByEdges(events)),
      [],
    );
    assert.ok(quick.length < edges.length);
  });
});

describe('the tables and the machine agree', () => {
  it('has a states-table entry for exactly the atomic states', () => {
    assert.deepEqual(Object.keys(stateTable).sort(), atomicStateIds);
  });

  it('has an events-table entry for exactly the events the machine takes, and opening the app', () => {
    assert.deepEqual(Object.keys(eventTable).sort(), [...machineEventTypes, 'xstate.init'].sort());
  });

  it('samples every user event the machine takes', () => {
    const userEventTypes = machineEventTypes.filter((type) => !type.startsWith('xstate.'));
    assert.deepEqual(Object.keys(userEventSamples).sort(), userEventTypes);
  });
});
