// The installable app, as Chromium itself judges it: the manifest, the icons, the service worker, the offline page,
// and what the worker keeps. Full Chromium, not the headless shell the paths use: the shell calls any page
// installable (its getInstallabilityErrors is always empty), and only a persistent profile installs apps.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, test as base, chromium, expect, type Page } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from '@/scripts/browser';
import { demoUsers } from '@/server/demoData';
import { BackgroundServiceLog } from './backgroundServices';
import { signInFromPage } from './signInFromPage';

type Fixtures = {
  /** Full Chromium, headless, on a fresh profile of its own. */
  fullChromium: BrowserContext;
  /** A tab of it on the home page, once the service worker controls that page. */
  controlledPage: Page;
};

const test = base.extend<Fixtures>({
  fullChromium: async ({ baseURL }, use) => {
    const executablePath = chromiumExecutable();
    if (executablePath === null) {
      throw new Error(
        'No full Chromium: run `node --import tsx scripts/ensure-browser.ts` (or `npx playwright install chromium`).',
      );
    }
    const profile = mkdtempSync(path.join(tmpdir(), 'relay-installable-'));
    const context = await chromium.launchPersistentContext(profile, {
      // Playwright's own browser runs headless as its shell unless asked for the full one by this channel.
      ...(executablePath ? { executablePath } : { channel: 'chromium' }),
      headless: true,
      args: chromiumArgs,
      baseURL,
      // The config blocks workers for the generated paths, and Playwright Test passes its options to this launch too.
      serviceWorkers: 'allow',
    });
    await use(context);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  },
  controlledPage: async ({ fullChromium }, use) => {
    const page = fullChromium.pages()[0] ?? (await fullChromium.newPage());
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto('/');
    // The worker claims the page once it is active (clientsClaim): from then on it answers the page's requests.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await use(page);
    expect(pageErrors, 'errors thrown in the page').toEqual([]);
  },
});

/** Chromium's own verdict, through the DevTools protocol. */
async function installabilityErrors(context: BrowserContext, page: Page) {
  const devTools = await context.newCDPSession(page);
  const { installabilityErrors } = await devTools.send('Page.getInstallabilityErrors');
  await devTools.detach();
  return installabilityErrors;
}

/** A PNG's width and height, read from its IHDR chunk (which the PNG format puts first). */
function pngSize(bytes: Buffer) {
  expect(bytes.subarray(1, 4).toString('latin1'), 'a PNG signature').toBe('PNG');
  expect(bytes.subarray(12, 16).toString('latin1'), 'the IHDR chunk first').toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Every request kept in Cache Storage, with the content type it was kept with. */
const cachedEntries = (page: Page) =>
  page.evaluate(async () => {
    const entries: { cache: string; path: string; type: string }[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        const { pathname } = new URL(request.url);
        entries.push({ cache: name, path: pathname, type: response?.headers.get('content-type') ?? '' });
      }
    }
    return entries;
  });

test('Chromium finds the app installable, with no errors', async ({ fullChromium, controlledPage }) => {
  expect(await installabilityErrors(fullChromium, controlledPage)).toEqual([]);
});

test('the check can fail: Chromium refuses a manifest without a name or icons', async ({ fullChromium }) => {
  const page = fullChromium.pages()[0] ?? (await fullChromium.newPage());
  await page.route('**/manifest.webmanifest', (route) =>
    route.fulfill({
      contentType: 'application/manifest+json',
      body: JSON.stringify({ display: 'standalone' }),
    }),
  );
  await page.goto('/');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const errors = await installabilityErrors(fullChromium, page);
  expect(errors.map((error) => error.errorId)).toEqual(
    expect.arrayContaining(['manifest-missing-name-or-short-name', 'manifest-missing-suitable-icon']),
  );
});

test('the manifest names the product, opens standalone at the root, and its icons are real PNGs of their sizes', async ({
  controlledPage: page,
}) => {
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href, 'the page links its manifest').toBeTruthy();
  const manifest = await (await page.request.get(href as string)).json();
  // The product's name (a setting) as the page's title says it.
  const productName = await page.title();
  expect(manifest).toMatchObject({
    id: '/',
    name: productName,
    short_name: productName,
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
    background_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
  });
  const icons: { src: string; sizes: string; type: string; purpose: string }[] = manifest.icons;
  expect(icons.map(({ sizes, purpose }) => `${sizes} ${purpose}`).sort()).toEqual([
    '192x192 any',
    '512x512 any',
    '512x512 maskable',
  ]);
  for (const icon of icons) {
    const response = await page.request.get(icon.src);
    expect(response.ok(), `${icon.src}: ${response.status()}`).toBe(true);
    expect(response.headers()['content-type']).toBe('image/png');
    const { width, height } = pngSize(await response.body());
    expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
  }
});

test('offline, a page opens the offline page from the service worker, with a way to try again', async ({
  fullChromium,
  controlledPage: page,
}) => {
  const productName = await page.title();
  await fullChromium.setOffline(true);
  const response = await page.goto('/reset-password?token=kept');
  expect(response?.fromServiceWorker(), 'answered by the service worker').toBe(true);
  await expect(
    page.getByRole('heading', { level: 1, name: `${productName} needs a connection` }),
  ).toBeVisible();
  // "Try again" asks for the very address the user wanted.
  await expect(page.getByRole('link', { name: 'Try again' })).toHaveAttribute('href', '');
  await fullChromium.setOffline(false);
  // The app takes the token out of the address bar once read, so the request is what shows the address asked for.
  const retried = page.waitForRequest((request) => request.isNavigationRequest());
  await page.getByRole('link', { name: 'Try again' }).click();
  expect(new URL((await retried).url()).href).toBe(new URL('/reset-password?token=kept', page.url()).href);
  await expect(page.locator('html')).toHaveAttribute('data-journey-state', /passwordReset/);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(/needs a connection/);
});

/** The demo's returning user, signed in from the page. */
const signInAsAda = (page: Page) => signInFromPage(page, demoUsers.ada);

test('the home offers to install the app while Chromium offers it, and only the home', async ({
  controlledPage: page,
}) => {
  const productName = await page.title();
  const install = page.getByRole('button', { name: `Install ${productName}` });
  await expect(page.getByRole('button', { name: 'SIGN IN' })).toBeVisible();
  await expect(install).toHaveCount(0);
  await signInAsAda(page);
  await page.goto('/');
  await expect(install).toBeVisible();
});

test('nothing under /api/ and no page is kept in Cache Storage, signed in or out', async ({
  controlledPage: page,
}) => {
  await signInAsAda(page);
  // A page that shows who is signed in, and the session's own answer.
  await page.goto('/');
  await expect(page.getByRole('heading', { name: /Welcome back/ })).toBeVisible();
  await page.goto('/statechart');
  await page.goto('/');
  expect(await page.evaluate(async () => (await fetch('/api/session')).status)).toBe(200);

  const entries = await cachedEntries(page);
  expect(entries.filter((entry) => entry.path.startsWith('/api/'))).toEqual([]);
  expect(
    entries.filter((entry) => entry.type.startsWith('text/html') && entry.path !== '/offline.html'),
  ).toEqual([]);
  // What is kept: the precache (offline page, icons) and the build's content-hashed files.
  for (const entry of entries) {
    expect(entry.path).toMatch(/^\/(offline\.html|icons\/[\w-]+\.png|_next\/static\/.+)$/);
  }
  expect(entries.map((entry) => entry.path)).toContain('/offline.html');
});

test('a push message to the worker shows its item as a system notification, and anything else shows nothing', async ({
  fullChromium,
  controlledPage: page,
}) => {
  const origin = new URL(page.url()).origin;
  await fullChromium.grantPermissions(['notifications'], { origin });
  // The push service's part, done by Chromium itself: a message delivered to the worker's registration.
  const devTools = await fullChromium.newCDPSession(page);
  const registered = new Promise<string>((found) =>
    devTools.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const own = registrations.find((registration) => registration.scopeURL === `${origin}/`);
      if (own) found(own.registrationId);
    }),
  );
  await devTools.send('ServiceWorker.enable');
  const registrationId = await registered;
  const chromiumLog = await BackgroundServiceLog.record(fullChromium, page, [
    'pushMessaging',
    'notifications',
  ]);
  const push = (data: string) =>
    devTools.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data });
  // Read once the worker has finished with every message: a read while one is being shown loses it in Chromium.
  const shownOnceHandled = async (pushed: number) => {
    await expect.poll(() => chromiumLog.pushEventsCompleted()).toBe(pushed);
    return page.evaluate(async () =>
      (await (await navigator.serviceWorker.ready).getNotifications()).map(
        ({ title, tag }) => `${tag}: ${title}`,
      ),
    );
  };

  await push('not json');
  await push(JSON.stringify({ kind: 'fax', summary: 'Fax from nobody' }));
  await push(JSON.stringify({ kind: 'missedCall', summary: 'Missed call from Grace Hopper' }));
  expect(await shownOnceHandled(3)).toEqual(['missedCall: Missed call from Grace Hopper']);
  await expect.poll(() => chromiumLog.displayedTitles()).toEqual(['Missed call from Grace Hopper']);
  // One per kind: a newer missed call takes the place of the last.
  await push(JSON.stringify({ kind: 'missedCall', summary: 'Missed call from Alan Turing' }));
  expect(await shownOnceHandled(4)).toEqual(['missedCall: Missed call from Alan Turing']);
  await expect
    .poll(() => chromiumLog.displayedTitles())
    .toEqual(['Missed call from Grace Hopper', 'Missed call from Alan Turing']);
  await devTools.detach();
});
