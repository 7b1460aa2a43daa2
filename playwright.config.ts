import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import type { ProjectOptions } from './e2e/fixtures';
import { systemNotificationsTag } from './e2e/systemNotifications';
import { pathsCluster } from './e2e/testClusters';
import { pathSetFrom } from './paths/sets';
import { shardFrom } from './paths/shards';
import { chromiumExecutable, testChromiumArgs, testChromiumExecutable } from './scripts/browser';

// Bad input stops here, before a server or a browser starts: an unknown PATHS, a --shard that does not parse.
try {
  pathSetFrom(process.env.PATHS);
  shardFrom(process.argv);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const idpPort = Number(process.env.E2E_IDP_PORT ?? 3300);
const mailPort = Number(process.env.E2E_MAIL_PORT ?? 2626);
const inheritedNodeOptions = process.env.NODE_OPTIONS ?? '';
const fullChromium = chromiumExecutable();
const systemNotificationPaths = new RegExp(systemNotificationsTag);

// The servers and the test workers share fresh databases; the workers seed each path's people into them.
const serverEnv = {
  DATA_DIR: path.resolve('.data/e2e'),
  IDP_DATA_DIR: path.resolve('.data/e2e-idp'),
  IDP_PORT: String(idpPort),
  MAILBOX_DIR: path.resolve('.data/e2e-mail'),
  MAILBOX_PORT: String(mailPort),
  BASE_URL: baseURL,
  // The provider sends people back to the single server and to the cluster alike.
  IDP_APP_BASE_URLS: `${baseURL},${pathsCluster.url}`,
  BETTER_AUTH_SECRET: 'e2e-only-secret-not-for-production-use-0123456789',
  NEXT_TELEMETRY_DISABLED: '1',
};
Object.assign(process.env, serverEnv);
// The folder where workers claim the state variants axe checks, once a run: made by the runner, inherited by workers.
// The process that makes it (the runner, or a listing) removes it as it exits.
if (!process.env.ACCESSIBILITY_CLAIMS) {
  const claims = mkdtempSync(path.join(tmpdir(), 'relay-accessibility-'));
  process.env.ACCESSIBILITY_CLAIMS = claims;
  process.on('exit', () => rmSync(claims, { recursive: true, force: true }));
}
// When this QA run began: the screens it keeps for the statechart page are newer.
process.env.QA_RUN_STARTED_AT ??= new Date().toISOString();
// Workers import server/ modules to seed users: resolve them as the server does ('server-only' included).
if (!inheritedNodeOptions.includes('react-server')) {
  process.env.NODE_OPTIONS = `${inheritedNodeOptions} --conditions=react-server`.trim();
}

// The app's servers, alone and as the cluster: each test acts as the one trusted proxy in front (of the server, of
// nginx): it names its own client address.
const appServerEnv = {
  ...serverEnv,
  TRUSTED_PROXY_HOPS: '1',
  SMTP_URL: `smtp://127.0.0.1:${mailPort}`,
  RELAY_DEMO: '1',
  NODE_OPTIONS: inheritedNodeOptions,
};

// What a browser of the paths with a system notification needs: full Chromium and the app's service worker.
const withSystemNotifications = {
  ...devices['Desktop Chrome'],
  serviceWorkers: 'allow' as const,
  // Playwright's own browser runs headless as its shell unless asked for the full one by this channel.
  ...(fullChromium === undefined && { channel: 'chromium' }),
  launchOptions: { executablePath: fullChromium ?? undefined, args: testChromiumArgs },
};

export default defineConfig<ProjectOptions>({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  // Every path has its own users and client address (and a tab cleared of the last path's), so all may run at once.
  fullyParallel: true,
  // In CI two, one a core of its 2-core machine (three were slower: docs/benchmarks.md); elsewhere Playwright's
  // default, half the cores.
  workers: process.env.CI ? 2 : undefined,
  // A stray test.only must not pass CI unnoticed.
  forbidOnly: !!process.env.CI,
  // No retries: a flaky path is a defect to fix, not to hide.
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    // No traces: recording one for every path, to keep it only when the path fails, cost a tenth of the suite
    // (most of the test workers' own time went to writing them). The report keeps a screenshot of every step;
    // `--trace on` records them for a path that failed, run again alone.
    trace: 'off',
    screenshot: 'only-on-failure',
    // As a user who asked for less motion: a spinning wheel on every waiting step kept the (software) compositor
    // drawing 60 frames a second, the largest cost of the suite on 2 cores.
    reducedMotion: 'reduce',
    // No service worker but in the project of the paths that show a system notification (below); the worker's
    // own behaviour is tested in a browser of its own (e2e/installable.spec.ts).
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: 'cluster*.spec.ts',
      grepInvert: systemNotificationPaths,
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath: testChromiumExecutable() ?? undefined, args: testChromiumArgs },
      },
    },
    {
      // The headless shell shows no system notification: the paths where the app shows one run in full Chromium
      // (headless), with the service worker that shows it. The journey's calls stay held: the worker answers none
      // of /api/ (worker/sw.ts), so the page's Fetch domain still sees them.
      name: 'full chromium (system notifications)',
      testMatch: 'journey.spec.ts',
      grep: systemNotificationPaths,
      use: withSystemNotifications,
    },
    {
      // The same build as several instances (scripts/cluster.ts): every transition through nginx, what the
      // instances share, and the faults a cluster must ride out; in the headless shell, as the paths above.
      name: 'cluster (nginx, two instances, PostgreSQL)',
      testMatch: 'cluster*.spec.ts',
      grepInvert: systemNotificationPaths,
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath: testChromiumExecutable() ?? undefined, args: testChromiumArgs },
        baseURL: pathsCluster.url,
        clusterDatabaseUrl: pathsCluster.databaseUrl,
      },
    },
    {
      // The cluster's paths that show a system notification, in full Chromium.
      name: 'cluster, full chromium (system notifications)',
      testMatch: 'cluster.spec.ts',
      grep: systemNotificationPaths,
      use: {
        ...withSystemNotifications,
        baseURL: pathsCluster.url,
        clusterDatabaseUrl: pathsCluster.databaseUrl,
      },
    },
  ],
  webServer: [
    {
      // The demo identity provider, a real OpenID Connect provider with a fresh directory.
      command: `rm -rf "${serverEnv.IDP_DATA_DIR}" && node --import tsx scripts/idp.ts`,
      url: `http://127.0.0.1:${idpPort}/.well-known/openid-configuration`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      env: { ...serverEnv, NODE_OPTIONS: inheritedNodeOptions },
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // The demo mailbox, a real SMTP server that keeps each mail for the tests to read.
      command: `rm -rf "${serverEnv.MAILBOX_DIR}" && node --import tsx scripts/mailbox.ts`,
      port: mailPort,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      env: { ...serverEnv, NODE_OPTIONS: inheritedNodeOptions },
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // A production build on a fresh database: what users get, and no state left from an earlier run.
      command: `rm -rf "${serverEnv.DATA_DIR}" && npm run build && node --import tsx scripts/serve.ts`,
      url: `${baseURL}/api/session`,
      reuseExistingServer: !process.env.CI,
      timeout: 240_000,
      env: { ...appServerEnv, PORT: String(port) },
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // The cluster, on the build the server above made: a throwaway PostgreSQL, gone when the run ends.
      command: `rm -rf "${pathsCluster.dataDir}" && node --import tsx scripts/cluster.ts`,
      url: `${pathsCluster.url}/api/session`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
      env: { ...appServerEnv, ...pathsCluster.env },
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
