import { expect, type Page } from '@playwright/test';

/** Signs someone in through the session API, from the page (so with its Origin and into its cookies). */
export async function signInFromPage(page: Page, { email, password }: { email: string; password: string }) {
  const signIn = await page.evaluate(
    async (body) => {
      const response = await fetch('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.text() };
    },
    { email, password },
  );
  expect(signIn.status, signIn.body).toBe(200);
}
