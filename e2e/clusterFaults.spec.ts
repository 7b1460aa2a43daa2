// Faults a cluster must ride out, on a cluster of this file's own (scripts/cluster.ts, started here, since these
// tests stop its database and kill its instances): the journey shows its "try again" state, never a 500 page or a
// stack trace, and works again without a restart.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { problemMessages } from '@/components/messages';
import { demoUsers } from '@/server/demoData';
import { startPostgres, stopPostgres } from '../scripts/postgres';
import { expect, test } from './fixtures';
import { faultsCluster } from './testClusters';

const ada = demoUsers.ada;
let cluster: ChildProcess;

/** Starts the cluster on the build the suite's server made, with the demo's people; resolves once nginx answers. */
async function startCluster(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cluster.ts'], {
    env: {
      ...process.env,
      ...faultsCluster.env,
      // The instances resolve modules as Next does: the workers' react-server condition is theirs alone.
      NODE_OPTIONS: (process.env.NODE_OPTIONS ?? '').replace('--conditions=react-server', '').trim(),
      TRUSTED_PROXY_HOPS: '1',
      RELAY_DEMO: '1',
      SMTP_URL: `smtp://127.0.0.1:${process.env.MAILBOX_PORT}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk) => (output += chunk));
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; ) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`The cluster stopped at start:\n${output}`);
    const answered = await fetch(`${faultsCluster.url}/api/session`).catch(() => null);
    if (answered?.ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill('SIGTERM');
  throw new Error(`The cluster did not answer within 90 s:\n${output}`);
}

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: faultsCluster.url });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  cluster = await startCluster();
});

test.afterAll(async () => {
  if (cluster.exitCode !== null || cluster.signalCode !== null) return;
  const stopped = new Promise((resolve) => cluster.once('exit', resolve));
  cluster.kill('SIGTERM');
  await stopped;
});

/** Opens the app and goes as far as the password step, with the demo's Ada. */
async function toPasswordStep(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'SIGN IN' }).click();
  await page.getByRole('textbox', { name: 'Email or User Principal Name' }).fill(ada.email);
  await page.getByRole('button', { name: 'Next' }).click();
  const password = page.getByLabel('Password', { exact: true });
  await expect(password).toBeVisible();
  return async () => {
    await password.fill(ada.password);
    await page.keyboard.press('Enter');
  };
}

/** The first screen after Ada's sign-in on a browser never asked: the offer of notifications. */
const signedIn = (page: Page) => page.getByRole('button', { name: 'Allow notifications' });
const tryAgain = (page: Page) => page.getByText(problemMessages.unavailable);

test('PostgreSQL stopped while a user signs in: the journey says to try again, and works once it is back', async ({
  page,
}) => {
  const submitPassword = await toPasswordStep(page);
  const apiStatuses: number[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/')) apiStatuses.push(response.status());
  });

  stopPostgres(faultsCluster.postgresDir);
  await submitPassword();
  await expect(tryAgain(page)).toBeVisible();
  expect(apiStatuses, 'the sign-in answered that the service is unavailable, not a server error').toContain(
    503,
  );
  expect(apiStatuses).not.toContain(500);
  await expect(page.locator('body')).not.toContainText(/Internal Server Error|\bat \S+:\d+:\d+/);

  // The same instances, never restarted: their pools open new connections once the database is back.
  startPostgres(faultsCluster.postgresDir, faultsCluster.postgresPort, { throwaway: true });
  await submitPassword();
  await expect(signedIn(page)).toBeVisible();
});

test('an instance killed as a user signs in: the next try gets through the other', async ({ page }) => {
  const submitPassword = await toPasswordStep(page);
  const pidFile = path.join(faultsCluster.dataDir, 'cluster', 'instance-1.pid');
  // Killed (no time to finish anything) at the moment the browser sends the password.
  await page.route('**/api/session', async (route) => {
    if (route.request().method() === 'POST') process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
    await route.continue();
  });
  await submitPassword();
  // nginx hands a request the dead instance never took to the other; one it had taken is the user's to try again.
  await expect(signedIn(page).or(tryAgain(page))).toBeVisible();
  await page.unroute('**/api/session');
  if (await tryAgain(page).isVisible()) await submitPassword();
  await expect(signedIn(page)).toBeVisible();

  const session = await page.request.get('/api/session');
  expect(session.headers()['x-served-by']).toBe('instance-2');
  expect((await session.json()).session.user.email).toBe(ada.email);
});
