import type { Page } from '@playwright/test';
import axe from 'axe-core';

type Violation = { id: string; help: string; nodes: unknown[] };

/**
 * Runs axe-core in the page as it is now and returns its violations. axe is put into the page once per page
 * load, and asked for violations only: @axe-core/playwright opened a second page and injected axe twice for
 * every check, which made a check cost seconds on the 2-core machine.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const { axe: inPage } = window as unknown as {
      axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> };
    };
    const { violations: found } = await inPage.run(document, { resultTypes: ['violations'] });
    return found.map(({ id, help, nodes }) => ({ id, help, nodes: nodes.length }));
  });
  return violations.map(({ id, help, nodes }) => `${id}: ${help} (${nodes})`);
}
