import { expect, type Locator, type Page } from '@playwright/test';

const MAX_TABS = 20;

/** Moves focus with Tab alone until it reaches the element: it must be in the page's tab order. */
export async function tabTo(page: Page, target: Locator): Promise<void> {
  await expect(target).toBeVisible();
  for (let presses = 0; presses < MAX_TABS; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${target} was not reached with ${MAX_TABS} presses of Tab`);
}

/** Reaches a button with Tab and presses Enter, as a keyboard-only user does. */
export async function pressWithKeyboard(page: Page, target: Locator): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('Enter');
}

/** Reaches a field with Tab, replaces what it holds, and enters the value as one keyboard input. */
export async function typeWithKeyboard(page: Page, field: Locator, value: string): Promise<void> {
  await tabTo(page, field);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // One input event for the whole value (as a paste or an input method gives), not a round trip a letter.
  if (value) await page.keyboard.insertText(value);
}
