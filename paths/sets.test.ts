import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { allStateNodes } from '@/machines/chart';
import { chartPairs, chartRoutes, reachablePairs, whyBlocked } from './criteria';
import { demoSamples } from './demoWorld';
import { answersContradict, newPassword } from './samples';
import { memoryOf } from './serverMemory';
import {
  coverageOf,
  journeyPaths,
  pathSetFrom,
  pathSets,
  stepsOf,
  transitionCover,
  transitionIdsOf,
} from './sets';

const machineEventTypes = [...new Set(allStateNodes().flatMap((node) => [...node.transitions.keys()]))];

describe('the full path set', () => {
  const full = journeyPaths('full');
  const coverage = coverageOf(full);

  for (const criterion of coverage) {
    it(`takes every ${criterion.criterion.replace(/s$/, '')} the system can take (${criterion.reachable})`, () => {
      assert.deepEqual(criterion.missed, []);
      assert.ok(criterion.reachable > 0 && criterion.reachable <= criterion.total);
    });
  }

  it('holds every path of each criterion’s own set, or one that extends it', () => {
    const titles = full.map((path) => path.title.split(' ⇒ ')[0] as string);
    for (const set of pathSets.filter((name) => name !== 'full')) {
      const missing = journeyPaths(set)
        .map((path) => path.title.split(' ⇒ ')[0] as string)
        .filter((events) => !titles.some((title) => title === events || title.startsWith(`${events} → `)));
      assert.deepEqual(missing, [], `${set} paths not in full`);
    }
  });

  it('holds no path whose server answers contradict what an earlier step left on the server', () => {
    assert.deepEqual(
      full
        .filter((path) => answersContradict(path.steps.map((step) => step.event)))
        .map((path) => path.title),
      [],
    );
  });

  it('keeps no path that is the start of another', () => {
    const events = full.map((path) => path.title.split(' ⇒ ')[0] as string);
    const prefixes = events.filter((own, index) =>
      events.some((other, otherIndex) => otherIndex !== index && other.startsWith(`${own} → `)),
    );
    assert.deepEqual(prefixes, []);
  });

  it('gives every path its own title, as Playwright needs, and starts each by opening the app', () => {
    assert.equal(new Set(full.map((path) => path.title)).size, full.length);
    for (const path of full) assert.equal(path.steps[0]?.event.type, 'xstate.init');
  });

  it('is generated in the same order every time', () => {
    assert.deepEqual(
      full.map((path) => path.title),
      [...full.map((path) => path.title)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });
});

describe('each criterion’s own set', () => {
  const own = {
    transitions: 'transitions in context',
    routes: 'loop-free routes',
    pairs: 'transition pairs',
  };
  for (const [set, criterion] of Object.entries(own)) {
    it(`takes every one of its ${criterion} by itself (${set})`, () => {
      const row = coverageOf(journeyPaths(set as keyof typeof own)).find(
        (line) => line.criterion === criterion,
      );
      assert.deepEqual(row?.missed, []);
    });
  }
});

describe('the criteria', () => {
  it('takes every transition of the machine', () => {
    const machine = coverageOf(journeyPaths('full')).find((row) => row.criterion === 'machine transitions');
    assert.equal(machine?.reachable, machine?.total);
    assert.equal(machine?.covered, machine?.total);
  });

  it('gives every route a name that a path of full carries, for the statechart page to play', () => {
    const named = new Set(journeyPaths('full').flatMap((path) => (path.route ? [path.route] : [])));
    assert.deepEqual(
      chartRoutes()
        .routes.map((route) => route.name)
        .filter((name) => !named.has(name)),
      [],
    );
  });

  it('counts every loop-free route of the chart as taken or blocked, and says why each blocked one is', () => {
    const { routes, blocked, total } = chartRoutes();
    assert.equal(routes.length + blocked.reduce((sum, group) => sum + group.count, 0), total);
    assert.deepEqual(
      [...new Set(blocked.map((group) => group.blockedAt))].filter((id) => !whyBlocked[id]),
      [],
      'a blocked transition without a reason',
    );
    assert.deepEqual(
      Object.keys(whyBlocked).filter((id) => !blocked.some((group) => group.blockedAt === id)),
      [],
      'a reason for a transition that blocks nothing',
    );
  });

  it('names every route once', () => {
    const names = chartRoutes().routes.map((route) => route.name);
    assert.equal(new Set(names).size, names.length);
  });

  it('finds every pair the system can take among the pairs the chart allows', () => {
    const chart = new Set(chartPairs());
    assert.deepEqual(
      [...reachablePairs().keys()].filter((pair) => !chart.has(pair)),
      [],
    );
  });

  it('samples every user event the machine takes', () => {
    const userEventTypes = machineEventTypes.filter((type) => !type.startsWith('xstate.')).sort();
    assert.deepEqual(Object.keys(demoSamples.userEventSamples).sort(), userEventTypes);
  });
});

describe('the cluster’s paths (every transition, few steps)', () => {
  const full = journeyPaths('full');
  const cover = transitionCover(full);
  const taken = (paths: typeof full) => new Set(paths.flatMap(transitionIdsOf));

  it('take every machine transition the full set takes, and visit every state', () => {
    assert.deepEqual([...taken(cover)].sort(), [...taken(full)].sort());
    const [states] = coverageOf(cover);
    assert.deepEqual(states?.missed, []);
  });

  it('hold no path whose transitions the others all take', () => {
    for (const path of cover) {
      const others = taken(cover.filter((other) => other !== path));
      assert.ok(
        transitionIdsOf(path).some((id) => !others.has(id)),
        `${path.title} takes nothing of its own`,
      );
    }
  });

  it('are a small part of the full set', () => {
    assert.ok(stepsOf(cover) * 20 < stepsOf(full), `${stepsOf(cover)} steps of ${stepsOf(full)}`);
  });
});

describe('the README’s figures', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  for (const set of pathSets) {
    it(`states the ${set} set's size as generated`, () => {
      const paths = journeyPaths(set);
      const row = new RegExp(`^\\| \`${set}\` +\\| ([\\d,]+) +\\| ([\\d,]+) +\\|`, 'm').exec(readme);
      assert.ok(row, `README.md has no row for the ${set} set`);
      const figure = (text: string) => Number(text.replace(/,/g, ''));
      assert.deepEqual(
        [figure(row[1] as string), figure(row[2] as string)],
        [paths.length, stepsOf(paths)],
        `README.md's paths and steps of ${set}`,
      );
    });
  }
});

describe('PATHS', () => {
  it('names the sets it allows when given another', () => {
    assert.throws(() => pathSetFrom('edges'), /PATHS must be one of transitions, routes, pairs, full/);
    assert.equal(pathSetFrom(undefined), 'full');
  });
});

describe('paths that sign in again', () => {
  const full = journeyPaths('full');
  const typeOf = (step: { event: { type: string } }) => step.event.type;

  it('take a first-time user home, not to the licence, once they accepted it earlier on the path', () => {
    const found = full.some((path) => {
      const accepted = path.steps.findIndex((step) => typeOf(step) === 'xstate.done.actor.acceptLicence');
      if (accepted === -1) return false;
      const who = path.steps[accepted]?.state.context.session?.user.email;
      return path.steps
        .slice(accepted + 1)
        .some(
          (step) =>
            (typeOf(step) === 'xstate.done.actor.signIn' ||
              typeOf(step) === 'xstate.done.actor.completeSso') &&
            step.state.context.session?.user.email === who &&
            step.state.matches({ signedIn: 'home' }),
        );
    });
    assert.ok(found, 'no path signs a user in again after they accepted the licence');
  });

  it('type the new password once a reset link changed it, and it opens the home', () => {
    const signInsAfterReset = full.flatMap((path) => {
      const reset = path.steps.findIndex((step) => typeOf(step) === 'xstate.done.actor.resetPassword');
      return reset === -1
        ? []
        : path.steps
            .slice(reset + 1)
            .filter(
              (step) => typeOf(step) === 'SUBMIT_PASSWORD' && step.state.matches({ signedOut: 'signingIn' }),
            );
    });
    assert.ok(signInsAfterReset.length > 0, 'no path signs in with a password after a reset');
    for (const step of signInsAfterReset) {
      const { password } = step.event as { password?: string };
      const changed = memoryOf(step.state).passwordChanged.includes(step.state.context.email);
      assert.equal(password === newPassword, changed, `${step.state.context.email} typed the wrong password`);
    }
  });

  it('never send the browser to a provider that remembers someone from earlier on the path', () => {
    const trips = full.flatMap((path) =>
      path.steps.filter(
        (step, index) =>
          typeOf(step) === 'xstate.done.actor.startSso' &&
          memoryOf(path.steps[index - 1]?.state ?? step.state).signedInAtProvider,
      ),
    );
    assert.deepEqual(trips, []);
  });
});
