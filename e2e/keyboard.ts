import { expect, type Locator, type Page } from '@playwright/test';
import { cutByNavigation } from './driver';

const MAX_TABS = 20;

/**
 * What was found out, in the page, about the one element the locator names, or null when it names none (or the
 * page went on to a new document meanwhile). Asked with `evaluateAll`, which queries and runs in one call, where a
 * locator's `evaluate` first takes a handle to the element and describes it: half the messages to the browser, on
 * every key a step presses. Strict as `evaluate` is: two elements are an error.
 */
async function ofTheOne<T>(target: Locator, facts: Promise<T[]>): Promise<T | null> {
  const found = await facts.catch((error: Error) => {
    if (cutByNavigation(error)) return [];
    throw error;
  });
  if (found.length > 1) throw new Error(`${target} names ${found.length} elements, not one`);
  return found[0] ?? null;
}

const isFocused = (target: Locator) =>
  ofTheOne(
    target,
    target.evaluateAll((elements) => elements.map((element) => element === document.activeElement)),
  );

/**
 * How many presses of Tab take focus from where it is to the element, counted in the page along the document's
 * tab order (the app sets no positive tabindex): negative for presses of Shift+Tab back to an element before the
 * focused one; null when the count cannot be made. And whether the element holds a value already.
 */
async function tabsTo(target: Locator): Promise<{ presses: number | null; filled: boolean }> {
  const counted = await ofTheOne(target, target.evaluateAll(countTabsTo));
  if (counted) return counted;
  // Not on the page yet (a page of the provider still loading): wait for it, as `evaluate` would have.
  await target.waitFor({ state: 'attached' });
  return (await ofTheOne(target, target.evaluateAll(countTabsTo))) ?? { presses: null, filled: false };
}

/** The count for each element, made in the page: it runs there alone, so it names nothing of this module. */
function countTabsTo(elements: Element[]): Array<{ presses: number | null; filled: boolean }> {
  return elements.map((element) => {
    const filled = element instanceof HTMLInputElement && element.value !== '';
    const tabbable = [
      ...document.querySelectorAll<HTMLElement>(
        'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])',
      ),
    ].filter(
      (candidate) =>
        !(candidate as HTMLButtonElement).disabled &&
        candidate.tabIndex >= 0 &&
        candidate.getClientRects().length > 0 &&
        getComputedStyle(candidate).visibility !== 'hidden',
    );
    const to = tabbable.indexOf(element as HTMLElement);
    if (to === -1) return { presses: null, filled };
    const active = document.activeElement as HTMLElement | null;
    const from = active ? tabbable.indexOf(active) : -1;
    if (from === -1) {
      // Focus is on something not tabbable (a heading the step focused, the body): the next Tab goes to the first
      // tabbable element after it in the document.
      const next = tabbable.findIndex(
        (candidate) =>
          !active ||
          active === document.body ||
          active.compareDocumentPosition(candidate) & Node.DOCUMENT_POSITION_FOLLOWING,
      );
      return { presses: next === -1 || next > to ? null : to - next + 1, filled };
    }
    return { presses: to - from, filled };
  });
}

/**
 * Moves focus with Tab (or Shift+Tab) alone until it reaches the element: it must be in the page's tab order. The presses are
 * counted first in the page, then made one after another and checked once; where the count was off, Tab goes on
 * one press at a time, checking each. Says whether the element held a value.
 */
export async function tabTo(page: Page, target: Locator): Promise<{ filled: boolean }> {
  const { presses: counted, filled } = await tabsTo(target);
  const key = counted !== null && counted < 0 ? 'Shift+Tab' : 'Tab';
  let presses = Math.abs(counted ?? 0);
  for (let press = 0; press < presses; press += 1) await page.keyboard.press(key);
  for (; presses < MAX_TABS; presses += 1) {
    if (await isFocused(target)) return { filled };
    await page.keyboard.press(key);
  }
  await expect(target, 'the control to reach with Tab').toBeVisible();
  throw new Error(`${target} was not reached with ${MAX_TABS} presses of Tab`);
}

/** Reaches a button with Tab and presses Enter, as a keyboard-only user does. */
export async function pressWithKeyboard(page: Page, target: Locator): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('Enter');
}

/** Reaches a field with Tab, replaces what it holds, and enters the value as one keyboard input. */
export async function typeWithKeyboard(page: Page, field: Locator, value: string): Promise<void> {
  const { filled } = await tabTo(page, field);
  if (filled) {
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
  }
  // One input event for the whole value (as a paste or an input method gives), not a round trip a letter.
  if (value) await page.keyboard.insertText(value);
}
