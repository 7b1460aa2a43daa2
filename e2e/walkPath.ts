import { expect, test } from '@playwright/test';
import type { Driver } from './driver';
import { eventTable } from './events';
import { describeEvent, type JourneyPath, type PathStep, stateIdOf } from './paths';
import { invokedActorIds } from './samples';
import { expectProblem, stateTable } from './states';

/** A table entry, or a failure that names what is missing: a step is never skipped in silence. */
function entry<T>(table: Record<string, T>, key: string): T {
  const found = table[key];
  if (!found)
    throw new Error(`"${key}" has no entry in the ${table === stateTable ? 'states' : 'events'} table`);
  return found;
}

// Axe checks each state once per worker, in each variant the user can see (with or without a problem or notice).
const checkedForAccessibility = new Set<string>();

/** Walks a generated path: each step does its event, then checks the state the machine says it reaches. */
export async function walkPath(path: JourneyPath, driver: Driver, checkAccessibility: () => Promise<void>) {
  for (const [index, { event, state }] of path.steps.entries()) {
    const stateId = stateIdOf(state);
    const stepName = `${index + 1}. ${describeEvent(event)} ⇒ ${stateId}`;
    await test.step(stepName, async () => {
      try {
        const before = (path.steps[index - 1] ?? path.steps[index]) as PathStep;
        await entry(eventTable, event.type)(driver, event, before.state.context);
        await entry(stateTable, stateId)(driver, state.context);
        await expectProblem(driver, state.context);
        // QA's report shows every state the path visited, as the user saw it.
        await test.info().attach(stepName, {
          body: await driver.page.screenshot({ type: 'jpeg', quality: 50 }),
          contentType: 'image/jpeg',
        });
        const variant = `${stateId} ${state.context.problem} ${state.context.notice}`;
        if (!checkedForAccessibility.has(variant)) {
          checkedForAccessibility.add(variant);
          await checkAccessibility();
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
}
