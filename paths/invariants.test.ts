import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import { noticeMessages, problemMessages } from '@/components/messages';
import { allStateNodes, journeyChart } from '@/machines/chart';
import { journeyMachine } from '@/machines/journey';
import { failureCodeOf, type JourneyContext } from '@/machines/journeyTypes';
import { edgeName, journeyGraph, openingSnapshot } from './journeyGraph';
import { stepJourney } from './serverMemory';

type Step = { before: AnyMachineSnapshot; event: EventObject; after: AnyMachineSnapshot; name: string };

/** Every step the generator can take: each edge of the concrete graph, from the snapshot it was found at. */
const everyStep: Step[] = [...journeyGraph().nodes.values()].flatMap(({ state, out }) =>
  out.map((edge) => ({
    before: state,
    event: edge.event,
    after: stepJourney(state, edge.event),
    name: `${JSON.stringify(state.value)} --${edge.label}--> `,
  })),
);

/** The names of the actions the machine's transition runs for the event. */
function actionsRun(state: AnyMachineSnapshot, event: EventObject): string[] {
  return journeyMachine
    .getTransitionData(state as never, event as never)
    .flatMap((transition) => transition.actions)
    .map((action) => (typeof action === 'string' ? action : String((action as { type: unknown }).type)));
}

/** Whether the step leaves the journey in the state it was in. */
const staysPut = (step: Step) => JSON.stringify(step.before.value) === JSON.stringify(step.after.value);

const shows = (step: Step) =>
  actionsRun(step.before, step.event).some((action) => action === 'showProblem' || action === 'showFailure');

/** The steps that break a rule, named, so that a failure says where. */
function breaking(rule: (step: Step, context: JourneyContext) => boolean): string[] {
  return everyStep
    .filter((step) => !rule(step, step.after.context as JourneyContext))
    .map((step) => `${step.name}${JSON.stringify(step.after.value)}`);
}

// What the screens rely on in every state the journey reaches; the states table (e2e/states.ts) then checks the
// words. These hold for the machine as it is, whatever the flow: they are not a copy of it.
describe('every step of the journey', () => {
  it('names each step apart: two outcomes alike in name and destination would be counted, and walked, as one', () => {
    const alike = [...journeyGraph().nodes.values()].flatMap(({ out }) => {
      const names = out.map(edgeName);
      return names.filter((name, index) => names.indexOf(name) !== index);
    });
    assert.deepEqual(alike, []);
  });

  it('shows only problems and notices the app has words for', () => {
    assert.deepEqual(
      breaking((_, { problem }) => problem === null || problem in problemMessages),
      [],
    );
    assert.deepEqual(
      breaking((_, { notice }) => notice === null || notice in noticeMessages),
      [],
    );
  });

  it('counts each problem it shows, so that the same one again is announced again; no other step counts', () => {
    assert.deepEqual(
      breaking((step, context) => {
        const before = (step.before.context as JourneyContext).problemsShown;
        return shows(step)
          ? context.problem !== null && context.problemsShown === before + 1
          : context.problemsShown === before;
      }),
      [],
    );
  });

  it('leaves a problem behind when the user moves on to another state', () => {
    assert.deepEqual(
      breaking((step, { problem }) => shows(step) || staysPut(step) || problem === null),
      [],
    );
  });

  it('stays in its state only to refuse, or to tell what arrived: a step that goes nowhere shows a problem or a delivery', () => {
    const tells = (step: Step) => actionsRun(step.before, step.event).includes('showDelivery');
    assert.deepEqual(
      breaking((step) => !staysPut(step) || shows(step) || tells(step)),
      [],
    );
  });

  it("tells the user of every failure the server reports: its problem, or a screen of the failure's name", () => {
    // A failure with a screen of its own (a lockout, a refused link, SSO) goes there; any other is a problem
    // shown; a failed sign-out is told in its own words, as the user is still signed in.
    const screens = new Set(allStateNodes().map((node) => node.key));
    const told = (code: string, { after }: Step, { problem }: JourneyContext) =>
      screens.has(code) ? JSON.stringify(after.value).includes(`"${code}"`) : problem === code;
    assert.deepEqual(
      breaking((step, context) => {
        const failed = /^xstate\.error\.actor\.(.+)$/.exec(step.event.type);
        if (!failed) return true;
        const code = failureCodeOf((step.event as { error?: unknown }).error);
        return failed[1] === 'signOut' ? context.problem === 'signOutFailed' : told(code, step, context);
      }),
      [],
    );
  });

  it('moves on once a server step answers: no screen waits on an answer that has come', () => {
    assert.deepEqual(
      breaking((step) => !/^xstate\.(done|error)\.actor\./.test(step.event.type) || !staysPut(step)),
      [],
    );
  });

  it('can take every transition of the chart: none is dead', () => {
    const taken = new Set(
      [...journeyGraph().nodes.values()].flatMap(({ out }) => out.map((edge) => edge.transitionId)),
    );
    assert.deepEqual(
      journeyChart()
        .transitions.map(({ id }) => id)
        .filter((id) => !taken.has(id)),
      [],
    );
  });

  it('shows a notice on the welcome page only (set as the sign-out starts, kept on the way through the provider)', () => {
    assert.deepEqual(
      breaking(
        ({ after }, { notice }) =>
          notice === null ||
          after.matches({ signedOut: 'welcome' }) ||
          after.matches({ signedIn: 'signingOut' }) ||
          after.matches('signingOutAtProvider'),
      ),
      [],
    );
  });

  it('holds the session exactly while signed in, and nothing of the user once signed out by any way', () => {
    assert.deepEqual(
      // While the app opens again, the session the browser held is the one the server is asked about.
      breaking(({ after }, { session }) =>
        after.matches('signedIn')
          ? session !== null
          : session === null || after.matches('checkingSession') || after.matches('sessionCheckFailed'),
      ),
      [],
    );
    assert.deepEqual(
      breaking(
        ({ before, after }, context) =>
          !(before.matches('signedIn') && after.matches({ signedOut: 'welcome' })) ||
          (context.email === '' && context.accountNumber === null && context.methods === null),
      ),
      [],
    );
  });

  it('holds a retry time exactly while locked out, and a reset link only until the user gives up on it', () => {
    assert.deepEqual(
      breaking(({ after }, { retryAt }) => (retryAt !== null) === after.matches({ signedOut: 'lockedOut' })),
      [],
    );
    assert.deepEqual(
      breaking(
        ({ after }, { resetToken }) =>
          resetToken === null ||
          (after.matches({ signedOut: 'passwordReset' }) &&
            !['forgotPassword', 'requestingReset', 'resetRequested'].some((asking) =>
              after.matches({ signedOut: { passwordReset: asking } }),
            )),
      ),
      [],
    );
  });

  it('opens knowing nothing of anyone: no email, no account, no session, no problem', () => {
    for (const [field, value] of Object.entries(openingSnapshot().context as JourneyContext))
      assert.ok(value === '' || value === null || value === 0, `${field} is ${JSON.stringify(value)}`);
  });

  it('holds nothing of an earlier identification while the user types an email', () => {
    assert.deepEqual(
      breaking(
        ({ after }, { accountNumber, methods }) =>
          !(after.matches({ signedOut: 'identify' }) || after.matches({ signedOut: 'identifying' })) ||
          (accountNumber === null && methods === null),
      ),
      [],
    );
  });

  it('knows what the method step offers, and the account number it checks, whenever it shows them', () => {
    assert.deepEqual(
      breaking(({ after }, { methods }) => methods !== null || !after.matches({ signedOut: 'method' })),
      [],
    );
    assert.deepEqual(
      breaking(
        ({ after }, { accountNumber }) =>
          accountNumber !== null || !after.matches({ signedOut: 'checkingAccountNumber' }),
      ),
      [],
    );
  });
});
