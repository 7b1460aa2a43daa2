import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allStateNodes } from '@/machines/chart';
import { eventTable } from './events';
import { serverChecks } from './serverChecks';
import { stateTable } from './states';

const atomicStateIds = allStateNodes()
  .filter((node) => node.type === 'atomic')
  .map((node) => node.id)
  .sort();
const machineEventTypes = [
  ...new Set(allStateNodes().flatMap((node) => [...node.transitions.keys()])),
].sort();

describe('the tables and the machine agree', () => {
  it('has a states-table entry for exactly the atomic states', () => {
    assert.deepEqual(Object.keys(stateTable).sort(), atomicStateIds);
  });

  it('has an events-table entry for exactly the events the machine takes, and opening the app', () => {
    assert.deepEqual(Object.keys(eventTable).sort(), [...machineEventTypes, 'xstate.init'].sort());
  });

  it('checks, or says why it need not, what the servers keep after every answer, a sign-out in another tab or at the provider, and a delivery', () => {
    const answers = machineEventTypes.filter((type) => /^xstate\.(done|error)\.actor\./.test(type));
    assert.deepEqual(
      Object.keys(serverChecks).sort(),
      [...answers, 'SIGNED_OUT_ELSEWHERE', 'PROVIDER_SIGNED_OUT', 'DELIVERY_ARRIVED'].sort(),
    );
    for (const [type, kept] of Object.entries(serverChecks)) {
      assert.ok(
        'check' in kept || kept.unchanged.length > 0,
        `${type} neither checks the server nor says why`,
      );
    }
  });
});
