import { journeyChart, stateIdOf } from '@/machines/chart';
import { coverageOf, journeyPaths } from '@/paths/sets';
import { stateScreenFile, stateScreensDir } from '@/paths/stateScreenFiles';
import { demoIdentityProvider, demoUsers } from '@/server/demoData';
import { expect, pathTest, test } from './fixtures';
import { walkPath } from './walkPath';

const { states, transitions } = journeyChart();
const state = (page: import('@playwright/test').Page, id: string) => page.locator(`[data-state-id="${id}"]`);

test('the statechart page opens on the whole journey, readable at 1440 × 900 by scrolling down only', async ({
  page,
  checkAccessibility,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/statechart');
  // Every state and every transition of the machine, drawn once: an arrow, or an exit written in its state.
  for (const { id } of states) await expect(state(page, id), id).toBeAttached();
  await expect(page.locator('[data-transition-id]')).toHaveCount(transitions.length);
  const drawing = await page.locator('svg.chart-svg').evaluate((svg: SVGSVGElement) => {
    // Drawn size over laid-out size; the browser keeps sizes in 1/64 px, so two decimals are all there is.
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const sizes = [...svg.querySelectorAll('text')].map(
      (text) => Number.parseFloat(getComputedStyle(text).fontSize) * scale,
    );
    // Words that spill out of the box of the state they are written in.
    const spilled = [...svg.querySelectorAll('[data-state-id]')].flatMap((group) => {
      const box = group.querySelector('rect')?.getBoundingClientRect();
      return [...group.querySelectorAll(':scope > text')]
        .filter((text) => {
          const words = text.getBoundingClientRect();
          return !box || words.left < box.left || words.right > box.right || words.bottom > box.bottom;
        })
        .map((text) => text.textContent);
    });
    return { smallest: Math.round(Math.min(...sizes) * 100) / 100, spilled };
  });
  expect(drawing.smallest, 'the smallest text on screen, in px').toBeGreaterThanOrEqual(11);
  expect(drawing.spilled).toEqual([]);
  // Its whole width is on screen: the journey reads by scrolling down, never sideways.
  const viewport = page.locator('.statechart-viewport');
  const extent = await viewport.evaluate((view) => ({ scrolled: view.scrollWidth, shown: view.clientWidth }));
  expect(extent.scrolled).toBeLessThanOrEqual(extent.shown);
  // Closing every state leaves the top level; opening them all again draws everything.
  await page.getByRole('button', { name: 'Close all states' }).click();
  await expect(state(page, 'journey.signedOut.welcome')).toHaveCount(0);
  await expect(state(page, 'journey.signedOut')).toContainText('+');
  await page.getByRole('button', { name: 'Open all states' }).click();
  for (const { id } of states) await expect(state(page, id), id).toBeAttached();
  await expect(page.locator('[data-transition-id]')).toHaveCount(transitions.length);
  // A state tells what it is when chosen, by keyboard as well.
  await state(page, 'journey.signedOut.lockedOut').focus();
  await page.keyboard.press('Enter');
  const description = states.find(({ id }) => id === 'journey.signedOut.lockedOut')?.description ?? '';
  await expect(page.getByRole('complementary')).toContainText(description);
  await checkAccessibility();
  // The chart leaves the page as an SVG file, for documents and tickets.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export SVG' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('relay-one-journey.svg');
  const { readFile } = await import('node:fs/promises');
  const svg = await readFile((await download.path()) as string, 'utf8');
  expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain('data-state-id="journey.signedOut.lockedOut"');
  // It carries the page's look (a file has no stylesheet): light boxes, 13 px names, not black shapes.
  expect(svg).toMatch(/<rect [^>]*style="fill:rgb\(248, 250, 252\)/);
  expect(svg).toMatch(/class="chart-state-name"[^>]*style="[^"]*font-size:13px/);
});

test('the chart leaves the page as a PNG, and as a printed copy with every state described', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/statechart');
  const viewBox = (await page.locator('svg.chart-svg').getAttribute('viewBox'))?.split(' ').map(Number) ?? [];
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export PNG' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('relay-one-journey.png');
  const { readFile } = await import('node:fs/promises');
  const png = await readFile((await download.path()) as string);
  // A PNG, twice the chart's size: its signature, then the header's width and height.
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([
    Math.ceil((viewBox[2] ?? 0) * 2),
    Math.ceil((viewBox[3] ?? 0) * 2),
  ]);

  // The text alternative: every state, with its description, and every transition out of it.
  const outline = page.getByRole('region', { name: 'The journey as text' });
  for (const { name, description } of states) {
    const entry = outline.getByRole('button', { name, exact: true });
    await expect(entry.first()).toBeVisible();
    if (description) await expect(outline).toContainText(description);
  }
  await expect(outline.locator('.chart-outline-transitions > li')).toHaveCount(transitions.length);
  // Chosen there, by keyboard, a state is marked on the chart and described beside it.
  await outline.getByRole('button', { name: 'lockedOut', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(state(page, 'journey.signedOut.lockedOut')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('complementary')).toContainText(
    states.find(({ id }) => id === 'journey.signedOut.lockedOut')?.description ?? '',
  );

  // A transition too, from the keyboard: marked on the chart, where it is drawn as an arrow or written as an exit.
  const retry = transitions.find(
    (transition) => transition.sourceId === 'journey.signedOut.lockedOut' && transition.event === 'RETRY',
  );
  await page.keyboard.press('Tab');
  await expect(
    outline.getByRole('list', { name: 'Transitions from lockedOut' }).getByRole('button', { name: /^RETRY/ }),
  ).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator(`[data-transition-id="${retry?.id}"]`)).toHaveClass(/\bselected\b/);

  // Printed: no buttons or panel, the chart across the page, then the outline.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('toolbar', { name: 'Chart' })).toBeHidden();
  await expect(page.getByRole('complementary')).toBeHidden();
  const chartWidth = (await page.locator('svg.chart-svg').boundingBox())?.width ?? 0;
  const pageWidth = (await page.locator('main').boundingBox())?.width ?? 0;
  expect(chartWidth).toBeGreaterThan(pageWidth * 0.95);
  await expect(outline).toBeVisible();
});

test('the statechart page follows a sign-in made in another tab', async ({ page, context, emails }) => {
  await page.goto('/statechart');
  const app = await context.newPage();
  await app.goto('/');
  const live = page.locator('[aria-current="true"]');
  await expect(live).toHaveAttribute('data-state-id', 'journey.signedOut.welcome');
  await app.getByRole('button', { name: 'SIGN IN' }).click();
  await expect(live).toHaveAttribute('data-state-id', 'journey.signedOut.identify');
  await app
    .getByRole('textbox', { name: 'Email or User Principal Name' })
    .fill(emails['ada@acme.test'] ?? '');
  await app.getByRole('button', { name: 'Next' }).click();
  await app.getByLabel('Password', { exact: true }).fill('Ada-demo-pass-1');
  await app.getByLabel('Password', { exact: true }).press('Enter');
  // A first sign-in on this browser: the app asks about notifications first.
  await expect(live).toHaveAttribute('data-state-id', 'journey.signedIn.permissions.offered');
  await app.getByRole('button', { name: 'Not now' }).click();
  await expect(app.getByRole('heading', { name: /Welcome back/ })).toBeVisible();
  await expect(live).toHaveAttribute('data-state-id', 'journey.signedIn.home.menuClosed');
  await expect(live).toHaveCount(1);
});

test('the statechart page plays a generated path, step by step', async ({ page }) => {
  const path =
    journeyPaths('full').find((candidate) => candidate.title.includes('SSO')) ?? journeyPaths('full')[0];
  if (!path) throw new Error('no generated path');
  await page.goto('/statechart');
  await page.getByLabel('Play a path').selectOption({ label: path.title });
  const next = page.getByRole('button', { name: 'Next step' });
  for (const [index, step] of path.steps.entries()) {
    await expect(page.locator('.chart-state.stepped')).toHaveAttribute(
      'data-state-id',
      stateIdOf(step.state),
    );
    if (index < path.steps.length - 1) await next.click();
  }
  await expect(next).toBeDisabled();
});

test('a product owner chooses a route by its name and plays it, beside the coverage of each criterion', async ({
  page,
}) => {
  const full = journeyPaths('full');
  const route = full.find((candidate) => candidate.route?.includes('signedIn.signingOut'));
  if (!route?.route) throw new Error('no route that signs out among the generated paths');
  await page.goto('/statechart');
  for (const { criterion, covered, reachable, total } of coverageOf(full)) {
    await expect(page.getByRole('row', { name: criterion })).toHaveText(
      `${criterion}${covered}${reachable}${total}`,
    );
  }
  const routeNames = full.flatMap((candidate) => (candidate.route ? [candidate.route] : []));
  await expect(page.getByLabel('Play a route').getByRole('option')).toHaveText(['No route', ...routeNames]);
  await page.getByLabel('Play a route').selectOption({ label: route.route });
  for (const [index, step] of route.steps.entries()) {
    await expect(page.locator('.chart-state.stepped')).toHaveAttribute(
      'data-state-id',
      stateIdOf(step.state),
    );
    if (index < route.steps.length - 1) await page.getByRole('button', { name: 'Next step' }).click();
  }
});

test('no demo password or client secret reaches the browser with the statechart page', async ({ page }) => {
  const scripts: Promise<string>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.text());
  });
  await page.goto('/statechart');
  await expect(page.getByLabel('Play a route')).toBeVisible();
  const shipped = [await page.content(), ...(await Promise.all(scripts))].join('\n');
  const secrets = [
    ...Object.values(demoUsers).flatMap((user) => [
      user.password,
      'idpPassword' in user ? user.idpPassword : null,
    ]),
    demoIdentityProvider.clientSecret,
  ].filter((secret): secret is string => secret !== null);
  expect(secrets.filter((secret) => shipped.includes(secret))).toEqual([]);
});

test('the statechart page simulates the machine without a server', async ({ page }) => {
  await page.goto('/statechart');
  await page.getByRole('button', { name: 'Simulate the journey' }).click();
  await page.getByRole('button', { name: 'loadSession none' }).first().click();
  await expect(page.locator('.chart-state.stepped')).toHaveAttribute(
    'data-state-id',
    'journey.signedOut.welcome',
  );
  await page.getByRole('button', { name: 'SIGN_IN', exact: true }).click();
  await expect(page.locator('.chart-state.stepped')).toHaveAttribute(
    'data-state-id',
    'journey.signedOut.identify',
  );
  await page.getByRole('button', { name: 'Reset the simulation' }).click();
  await expect(page.locator('.chart-state.stepped')).toHaveAttribute(
    'data-state-id',
    'journey.checkingSession',
  );
});

pathTest(
  'a state shows the screen this QA run took of it, large when chosen, with the date of the run',
  async ({ driver, checkAccessibility }) => {
    // A generated path to the welcome: this run takes the welcome's screen, on this path or on another.
    const toWelcome = journeyPaths('transitions')
      .filter(
        (path) =>
          stateIdOf((path.steps.at(-1) as (typeof path.steps)[number]).state) === 'journey.signedOut.welcome',
      )
      .sort((a, b) => a.steps.length - b.steps.length)[0];
    if (!toWelcome) throw new Error('no generated path ends on the welcome');
    await walkPath(toWelcome, driver, checkAccessibility);
    await driver.server.stopHolding();
    const { readFile, stat } = await import('node:fs/promises');
    const path = await import('node:path');
    const file = path.join(stateScreensDir(), stateScreenFile('journey.signedOut.welcome', null, null));
    const runStarted = Date.parse(process.env.QA_RUN_STARTED_AT ?? '');
    await expect
      .poll(async () => (await stat(file).catch(() => null))?.mtimeMs ?? 0)
      .toBeGreaterThan(runStarted);

    // The chart in a tab of its own, at a product owner's size.
    const page = await driver.context.newPage();
    // Closed whatever happens: the worker's paths share its context after this test.
    try {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto('/statechart');
      await expect(page.getByRole('switch', { name: 'Screens on the chart' })).toHaveAttribute(
        'aria-checked',
        'true',
      );
      const thumbnail = state(page, 'journey.signedOut.welcome').locator('image');
      const address = await thumbnail.getAttribute('href');
      const served = await page.request.get(address ?? '');
      expect(served.headers()['content-type']).toBe('image/jpeg');
      expect(Buffer.compare(await served.body(), await readFile(file))).toBe(0);
      // Still readable with screens on: no text under 11 px (drawn at full size), nothing sideways.
      const chart = page.locator('svg.chart-svg');
      const viewBoxWidth = Number((await chart.getAttribute('viewBox'))?.split(' ')[2]);
      expect(Number(await chart.getAttribute('width'))).toBeCloseTo(viewBoxWidth, 0);
      // Chosen, the state shows its screen large, and when the run took it.
      await state(page, 'journey.signedOut.welcome').click();
      const large = page
        .getByRole('complementary')
        .getByRole('img', { name: 'The screen of welcome', exact: true });
      await expect(large).toBeVisible();
      expect((await large.boundingBox())?.width ?? 0).toBeGreaterThan(300);
      // Its variants (with a notice, say) are shown beside it, each with its own time.
      const figure = page
        .getByRole('complementary')
        .getByRole('figure')
        .filter({ has: page.getByRole('img', { name: 'The screen of welcome', exact: true }) });
      // The file's time as the server reads it (a Date of its own making: mtimeMs has fractions of a millisecond).
      await expect(figure.locator('figcaption time')).toHaveAttribute(
        'datetime',
        (await stat(file)).mtime.toISOString(),
      );
      // The switch takes the screens off the chart.
      await page.getByRole('switch', { name: 'Screens on the chart' }).click();
      await expect(state(page, 'journey.signedOut.welcome').locator('image')).toHaveCount(0);
      // Only the kept screens are served: any other name, or a way out of the folder, is refused.
      for (const name of [
        'auth-secret',
        '..%2Fauth-secret',
        'journey.signedOut.welcome.png',
        '%2E%2E%2F%2E%2E%2Fpackage.json',
      ])
        expect((await page.request.get(`/statechart/screens/${name}`)).status(), name).toBe(404);
    } finally {
      await page.close();
    }
  },
);
