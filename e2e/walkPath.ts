import { createHash } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { AnyStateMachine } from 'xstate';
import { stateIdOf } from '@/machines/chart';
import { journeyMachine } from '@/machines/journey';
import { describeEvent } from '@/paths/describe';
import { pathWindow } from '@/paths/pathWindow';
import { invokedActorIds } from '@/paths/samples';
import type { JourneyPath, PathStep } from '@/paths/sets';
import { keepStateScreen } from '@/paths/stateScreenFiles';
import { cutByNavigation, type Driver } from './driver';
import { eventTable } from './events';
import { serverChecks } from './serverChecks';
import { stateTable } from './states';
import { stepScreenshot } from './stepScreenshot';
import { count, timed } from './stepTimings';

/** A table entry, or a failure that names what is missing: a step is never skipped in silence. */
function entry<T>(table: Record<string, T>, key: string): T {
  const found = table[key];
  if (!found)
    throw new Error(`"${key}" has no entry in the ${table === stateTable ? 'states' : 'events'} table`);
  return found;
}

// Axe checks each state once a run, in each variant the user can see (with or without a problem or notice); the
// same step keeps that variant's screen for the statechart page.
const seenForAccessibility = new Set<string>();

/**
 * Whether this worker is the first of the run to see the variant: it claims it with a file that only one can
 * create, in the folder the run made for its claims (playwright.config.ts).
 */
function firstToCheck(variant: string): boolean {
  if (seenForAccessibility.has(variant)) return false;
  seenForAccessibility.add(variant);
  const claims = process.env.ACCESSIBILITY_CLAIMS;
  if (!claims)
    throw new Error('ACCESSIBILITY_CLAIMS names no folder: the run must make one (playwright.config.ts)');
  try {
    closeSync(openSync(path.join(claims, createHash('sha256').update(variant).digest('hex')), 'wx'));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * How many server calls the path leaves unanswered on purpose: a waiting state left by anything but its answer.
 * An event the waiting state takes without leaving it (something delivered meanwhile) gives up nothing.
 */
function callsGivenUp(path: JourneyPath): number {
  return path.steps.filter(({ event }, index) => {
    if (index === 0) return false;
    const before = (path.steps[index - 1] as PathStep).state;
    const waitingOn = invokedActorIds(before);
    const leaves = (journeyMachine as AnyStateMachine)
      .getTransitionData(before, event)
      .some((taken) => taken.target?.length);
    return waitingOn.length > 0 && leaves && !waitingOn.some((id) => event.type.endsWith(`.actor.${id}`));
  }).length;
}

/** Whether the machine has the app ask the system to show a notification on this step. */
function showsSystemNotification(before: PathStep['state'], event: PathStep['event']): boolean {
  return (journeyMachine as AnyStateMachine)
    .getTransitionData(before, event)
    .some((taken) => taken.actions.some((action) => (action as { type?: unknown }).type === 'notifySystem'));
}

/**
 * Run in the page: the page's size where it is larger than the window (something to scroll to), else null. The
 * step's picture, QA's and the statechart page's screen of the state, holds the whole screen only when it fits.
 */
function pageBeyondWindow(): string | null {
  const { scrollWidth, scrollHeight } = document.documentElement;
  const fits = scrollWidth <= window.innerWidth && scrollHeight <= window.innerHeight;
  return fits ? null : `${scrollWidth} × ${scrollHeight}`;
}

/** The states whose page is the identity provider's own, on its origin: the app draws nothing there. */
const providerPages = new Set(['journey.signedOut.atProvider', 'journey.signingOutAtProvider']);

/** How long the app may take to draw a step's state. */
const DRAW_TIMEOUT_MS = 10_000;

/** Run in the page: resolves with the state the app has drawn, once it is the one awaited or the time is up. */
function drawnState({ id, timeoutMs }: { id: string; timeoutMs: number }): Promise<string | null> {
  return new Promise((resolve) => {
    const root = document.documentElement;
    // A document still being made (back from the provider) has no root yet: asked again in a moment.
    if (!root) return setTimeout(() => resolve(null), 20);
    const drawn = () => root.dataset.journeyState ?? null;
    if (drawn() === id) return resolve(id);
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve(drawn());
    };
    const observer = new MutationObserver(() => {
      if (drawn() === id) done();
    });
    observer.observe(root, { attributes: true, attributeFilter: ['data-journey-state'] });
    const timer = setTimeout(done, timeoutMs);
  });
}

/**
 * Waits until the app has drawn the state the machine says the step reaches (the journey marks the page once
 * React has committed it), so that the checks that follow find it at once rather than poll for it. The
 * provider's own page is not the app's: its check waits for it (and this says false).
 */
async function journeyRendered({ page }: Driver, stateId: string): Promise<boolean> {
  if (providerPages.has(stateId)) return false;
  // One call into the page, which hears the mark change (no polling, no handle to release); a step that opens a
  // new document ends the call with the old one, and it is made again in the new one.
  const deadline = Date.now() + DRAW_TIMEOUT_MS;
  let drawn: string | null = null;
  let cut = '';
  while (drawn !== stateId && Date.now() < deadline) {
    const left = deadline - Date.now();
    const asked: Promise<string | null> = page
      .evaluate(drawnState, { id: stateId, timeoutMs: left })
      .catch((error: Error) => {
        if (!cutByNavigation(error)) throw error;
        cut = ` (a look was cut by a new document: ${error.message.split('\n')[0]})`;
        return null;
      });
    // The page times its own wait; a page that no longer runs its scripts answers nothing, so this one is timed too.
    const answer: string | null | typeof NO_ANSWER = await answerWithin(asked, left + 1_000);
    if (answer === NO_ANSWER)
      throw new Error(`the page did not answer in ${DRAW_TIMEOUT_MS / 1000} s, drawing ${stateId}`);
    drawn = answer;
  }
  if (drawn !== stateId)
    throw new Error(
      `the app drew ${drawn ?? 'no state of the journey'} in ${DRAW_TIMEOUT_MS / 1000} s, not ${stateId}${cut}`,
    );
  return true;
}

const NO_ANSWER = Symbol('no answer');

/** What the promise gives, or NO_ANSWER once the time is up. */
async function answerWithin<T>(answer: Promise<T>, ms: number): Promise<T | typeof NO_ANSWER> {
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<typeof NO_ANSWER>((resolve) => {
    timer = setTimeout(() => resolve(NO_ANSWER), ms);
  });
  return Promise.race([answer, silence]).finally(() => clearTimeout(timer));
}

/**
 * Walks a generated path: each step does its event, then checks the state the machine says it reaches, and what
 * the server keeps where the step changed it.
 */
export async function walkPath(path: JourneyPath, driver: Driver, checkAccessibility: () => Promise<void>) {
  let systemNotifications = 0;
  for (const [index, { event, state }] of path.steps.entries()) {
    const stateId = stateIdOf(state);
    const stepName = `${index + 1}. ${describeEvent(event)} ⇒ ${stateId}`;
    await test.step(stepName, async () => {
      try {
        const before = (path.steps[index - 1] ?? path.steps[index]) as PathStep;
        count('steps');
        const serverCheck = serverChecks[event.type];
        const checkedStep = { driver, event, before: before.state, after: state };
        const noted =
          serverCheck && 'note' in serverCheck
            ? await timed('server check', async () => serverCheck.note?.(checkedStep))
            : null;
        await timed(`event ${event.type}`, () =>
          entry(eventTable, event.type)(driver, event, before.state.context),
        );
        const drawn = await timed('rendering', () => journeyRendered(driver, stateId));
        // Chromium has displayed every notification the machine asked for so far, and no other: only then may the
        // checks read what is shown (a read while one is being shown loses it).
        if (index > 0 && showsSystemNotification(before.state, event)) systemNotifications += 1;
        if (systemNotifications > 0 || driver.chromiumLog.displayedTitles().length > 0)
          await expect
            .poll(() => driver.chromiumLog.displayedTitles().length, {
              message: 'the system notifications Chromium displayed on this path',
              // A look at the worker's own memory costs nothing; the default back-off waited up to a second more.
              intervals: [10],
            })
            .toBe(systemNotifications);
        // QA's report shows every state the path visited, as the user saw it. Once the app has drawn a new state,
        // the picture is taken while the checks read the page (they change nothing); in the same state (a refusal
        // whose problem may still be on its way) or at the provider, after them.
        const newState = index === 0 || stateIdOf((path.steps[index - 1] as PathStep).state) !== stateId;
        const picture = drawn && newState ? stepScreenshot(driver.page) : null;
        picture?.catch(() => {});
        await timed('state check', () => entry(stateTable, stateId)(driver, state.context));
        if (serverCheck && 'check' in serverCheck)
          await timed('server check', () => serverCheck.check(checkedStep, noted));
        const screen = await timed('screenshot', async () => {
          const body = await (picture ?? stepScreenshot(driver.page));
          // Named as the file it is: the HTML report takes a file's extension from the name (else ".identifying").
          await test.info().attach(`${stepName}.jpg`, { body, contentType: 'image/jpeg' });
          return body;
        });
        const { problem, notice } = state.context;
        if (firstToCheck(`${stateId} ${problem} ${notice}`)) {
          // The picture holds the whole screen: the page does not scroll.
          const beyond = await driver.page.evaluate(pageBeyondWindow);
          expect(
            beyond,
            `the page scrolls: its size, beyond the paths' window of ${pathWindow.width} × ${pathWindow.height} (paths/pathWindow.ts)`,
          ).toBeNull();
          // The statechart page shows this run's screen of each state and variant on the chart.
          keepStateScreen(stateId, problem, notice, screen);
          await timed('axe', checkAccessibility);
        }
      } catch (error) {
        // Playwright's report shows this message first: name the path and the step that broke.
        throw new Error(`Path "${path.title}" failed at step ${stepName}:\n${(error as Error).message}`);
      }
    });
  }
  // A path may end in a waiting state: then exactly its own call is still held, and nothing else.
  // The last call may still be on its way to the route: wait for it rather than race it.
  const finalState = (path.steps.at(-1) as PathStep).state;
  await expect
    .poll(() => driver.server.pending, { message: 'server calls that no step of the path answered' })
    .toBe(invokedActorIds(finalState).length);
  // Calls the page gave up are exactly those of waiting states the path left another way (a link, another tab).
  await expect
    .poll(() => driver.server.givenUp, { message: 'server calls the page gave up' })
    .toBe(callsGivenUp(path));
}
