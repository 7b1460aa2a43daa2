import { type AnyEventObject, type AnyStateMachine, initialTransition } from 'xstate';
import { countSuffix } from '@/components/statechart/traffic';
import { stateIdOf } from '@/machines/chart';
import { journeyMachine } from '@/machines/journey';
import { JourneyFailure, type SessionView } from '@/machines/journeyTypes';
import { transitionTaken } from '@/paths/journeyGraph';
import { stepJourney } from '@/paths/serverMemory';
import { demoAccounts, demoUsers } from '@/server/demoData';
import { expect, test } from './fixtures';
import { trafficCounts } from './serverState';

/**
 * The transitions the machine itself takes for these events, from opening the app, and the state it ends in:
 * pure steps of the one statechart (the generator's own step), no copy of the flow.
 */
function transitionsTakenBy(events: AnyEventObject[]): { taken: string[]; endStateId: string } {
  let snapshot = initialTransition(journeyMachine as AnyStateMachine)[0];
  const taken = events.map((event) => {
    const id = transitionTaken(snapshot, event);
    if (!id) throw new Error(`the machine takes no transition on ${event.type} in ${stateIdOf(snapshot)}`);
    snapshot = stepJourney(snapshot, event);
    return id;
  });
  return { taken, endStateId: stateIdOf(snapshot) };
}

const tally = (ids: string[]) => {
  const counts: Record<string, number> = {};
  for (const id of ids) counts[id] = (counts[id] ?? 0) + 1;
  return counts;
};

test('a sign-in with a wrong password, then the right one, counts exactly its transitions for the chart', async ({
  page,
  emails,
  baseURL,
}) => {
  // As a real user's browser: the app counts no automated one (Playwright's says navigator.webdriver).
  await page.addInitScript(() =>
    Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false }),
  );
  // Every read of the counts covers the same days, those up to the moment the test began.
  const now = new Date();
  const before = await trafficCounts(now);
  const password = page.getByLabel('Password', { exact: true });
  await page.goto('/');
  await page.getByRole('button', { name: 'SIGN IN' }).click();
  await page
    .getByRole('textbox', { name: 'Email or User Principal Name' })
    .fill(emails['ada@acme.test'] ?? '');
  await page.getByRole('button', { name: 'Next' }).click();
  await password.fill('not-her-password');
  await password.press('Enter');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('incorrect');
  await password.fill(demoUsers.ada.password ?? '');
  await password.press('Enter');
  // Her first sign-in on this browser: the app asks about notifications.
  await expect(page.getByRole('button', { name: 'Not now' })).toBeVisible();
  const endStateId = await page.evaluate(() => document.documentElement.dataset.journeyState ?? '');
  // Leaving the page sends what it has not sent yet.
  await page.goto('about:blank');

  // What the user did, and what the server answered, as the machine's events.
  const ada: SessionView = {
    user: { name: demoUsers.ada.name, email: demoUsers.ada.email },
    account: demoAccounts.acme,
    inbox: { missedCalls: 0, unreadMessages: 0, meetingInvitations: 0 },
    licenceAccepted: true,
  };
  const { taken, endStateId: machineEnds } = transitionsTakenBy([
    { type: 'xstate.done.actor.loadSession', output: { session: null, expired: false } },
    { type: 'SIGN_IN' },
    { type: 'SUBMIT_EMAIL', email: demoUsers.ada.email },
    {
      type: 'xstate.done.actor.identify',
      output: { next: 'method', methods: { sso: false, password: true } },
    },
    { type: 'SUBMIT_PASSWORD', password: 'not-her-password' },
    { type: 'xstate.error.actor.signIn', error: new JourneyFailure('invalidCredentials') },
    { type: 'SUBMIT_PASSWORD', password: demoUsers.ada.password ?? '' },
    { type: 'xstate.done.actor.signIn', output: ada },
  ]);
  expect(endStateId, 'where the page and the machine end').toBe(machineEnds);
  const expected = tally(taken);
  const added = async () => {
    const counts = await trafficCounts(now);
    return Object.fromEntries(
      Object.entries(counts)
        .map(([id, count]) => [id, count - (before[id] ?? 0)] as const)
        .filter(([, count]) => count !== 0),
    );
  };
  await expect.poll(added).toEqual(expected);

  // The statechart page shows them: on each transition in the outline, and the wrong password among the failures.
  await page.goto('/statechart');
  const failures = page.getByRole('table', { name: 'Most failures' });
  await expect(failures.getByRole('row', { name: /signingIn: signIn ✗/ }).first()).toBeVisible();
  const kept = await trafficCounts(now);
  for (const id of Object.keys(expected)) {
    const written = countSuffix(kept[id] ?? 0).replace('.', '\\.');
    await expect(page.locator(`[data-transition-id="${id}"]`).first()).toContainText(
      new RegExp(`${written}(?![\\d.,km])`),
    );
  }

  // Batches a browser should never send are refused, and count nowhere.
  const post = (data: unknown, headers: Record<string, string> = {}) =>
    page.request.post('/api/journey/traffic', { data, headers: { origin: baseURL ?? '', ...headers } });
  const settled = await trafficCounts(now);
  expect((await post({ transitions: ['journey.home on STEAL #1'] })).status()).toBe(400);
  expect((await post({ transitions: Array(51).fill(Object.keys(expected)[0]) })).status()).toBe(400);
  expect(
    (
      await post(
        { transitions: Object.keys(expected) },
        { cookie: 'relay.traffic_visit=not-a-visit-of-this-server' },
      )
    ).status(),
  ).toBe(403);
  expect(
    (await post({ transitions: Object.keys(expected) }, { origin: 'https://elsewhere.test' })).status(),
  ).toBe(403);
  expect(await trafficCounts(now)).toEqual(settled);
});
