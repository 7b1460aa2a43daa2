import { expect, test } from '@playwright/test';

// Playwright's own test, without the fixture that fails on what a policy blocked: here the block is the point.
test('every page carries a Content-Security-Policy with a nonce of its own, and an injected script is blocked', async ({
  page,
}) => {
  const nonces: string[] = [];
  for (const address of ['/', '/', '/statechart', '/reset-password', '/sso/signed-out', '/offline.html']) {
    const response = await page.goto(address);
    const policy = response?.headers()['content-security-policy'] ?? '';
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(policy)?.[1];
    expect(nonce, `the nonce of ${address}`).toBeTruthy();
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    nonces.push(nonce as string);
    // The page's own scripts carry it (the browser hides it from attributes, not from the property).
    const scripts = await page.evaluate(() => [...document.scripts].map((script) => script.nonce));
    for (const scriptNonce of scripts) expect(scriptNonce).toBe(nonce);
  }
  expect(new Set(nonces).size, 'a fresh nonce for every page').toBe(nonces.length);

  // Markup slipped into the page, as an injection would (an inline handler, the classic one), does not run;
  // Chromium says why on the console, and reports it.
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'SIGN IN' })).toBeVisible();
  const refused = page.waitForEvent('console', (message) => /Content Security Policy/.test(message.text()));
  const reported = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/csp-report');
  await page.evaluate(() =>
    document.body.insertAdjacentHTML(
      'beforeend',
      '<img alt="" src="/not-an-image.png" onerror="window.injectedRan = true">',
    ),
  );
  expect((await refused).type()).toBe('error');
  // The browser reports it to the app, which takes it (and logs it).
  expect((await reported).status()).toBe(204);
  expect(await page.evaluate(() => (window as { injectedRan?: boolean }).injectedRan)).toBeUndefined();
});

test('every page and API answer carries the headers that keep the browser strict', async ({ page }) => {
  // Pages whose address holds a secret (a reset token, a provider's code or state) send no referrer at all.
  const referrerPolicies = {
    '/': 'same-origin',
    '/statechart': 'same-origin',
    '/reset-password': 'no-referrer',
    '/sso/callback': 'no-referrer',
    '/sso/signed-out': 'no-referrer',
  };
  for (const [address, referrerPolicy] of Object.entries(referrerPolicies)) {
    const headers = (await page.goto(address))?.headers() ?? {};
    expect(headers['x-content-type-options'], address).toBe('nosniff');
    expect(headers['x-frame-options'], address).toBe('DENY');
    expect(headers['referrer-policy'], address).toBe(referrerPolicy);
    expect(headers['permissions-policy'], address).toContain('camera=()');
    expect(headers['x-request-id'], address).toMatch(/^[0-9a-f-]{36}$/);
  }
  // An API answer is data: it runs, loads and is framed nowhere, and says how its JSON is encoded.
  const answer = await page.request.get('/api/session', { headers: { 'x-request-id': 'qa-7f3a' } });
  expect(answer.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(answer.headers()['content-type']).toBe('application/json; charset=utf-8');
  expect(answer.headers()['cache-control']).toBe('no-store, no-transform');
  expect(answer.headers()['x-request-id'], 'a well-formed id of the caller is kept').toBe('qa-7f3a');
});
