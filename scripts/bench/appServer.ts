// The production build served for a benchmark: its own port, its own fresh data, the demo users seeded.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { postgresUrl } from '../postgres';

export type RunningApp = {
  baseUrl: string;
  /** CPU time the server process has used so far (user + system), or null where /proc cannot tell. */
  cpuMs: () => number | null;
  stop: () => Promise<void>;
};

// Linux's clock tick is 100 Hz on every kernel these benchmarks run on (getconf CLK_TCK).
const MS_PER_CLOCK_TICK = 10;

function cpuMsOf(pid: number | undefined): number | null {
  try {
    // Fields after the command name (which may itself hold ") "): utime and stime are the 12th and 13th (proc(5)).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * MS_PER_CLOCK_TICK : null;
  } catch {
    return null;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** A base port with the next `count - 1` free too (the cluster takes nginx's and one for each instance). */
async function freePorts(count: number): Promise<number> {
  for (;;) {
    const base = await freePort();
    const probes = await Promise.all(
      Array.from(
        { length: count - 1 },
        (_, at) =>
          new Promise<boolean>((resolve) => {
            const probe = createServer();
            probe.once('error', () => resolve(false));
            probe.listen(base + 1 + at, '127.0.0.1', () => probe.close(() => resolve(true)));
          }),
      ),
    );
    if (base + count <= 65_535 && probes.every(Boolean)) return base;
  }
}

/**
 * Runs a script of the project with the demo data and a fresh folder; resolves once the session API at `baseUrl`
 * answers. Every simulated client names its own address, so the per-IP limits measure nothing here.
 */
async function startScript(
  script: string,
  baseUrl: string,
  env: Record<string, string>,
  cpuMsOfServer: (dataDir: string) => number | null,
): Promise<RunningApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'relay-bench-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      ...process.env,
      BASE_URL: baseUrl,
      DATA_DIR: dataDir,
      RELAY_DEMO: '1',
      TRUSTED_PROXY_HOPS: '1',
      BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/api/session`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`${script} did not start within 90 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseUrl,
    cpuMs: () => cpuMsOfServer(dataDir) ?? cpuMsOf(child.pid),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts `scripts/serve.ts` on the build in `.next`, on SQLite. */
export async function startApp(): Promise<RunningApp> {
  const port = await freePort();
  return startScript('scripts/serve.ts', `http://localhost:${port}`, { PORT: String(port) }, () => null);
}

/**
 * Starts `scripts/cluster.ts` on the build: nginx in front of two instances on PostgreSQL, flushing to disk as a
 * real one does. Its CPU is the instances' (their pid files), where the sign-ins' work is done.
 */
export async function startCluster(): Promise<RunningApp & { databaseUrl: string }> {
  const port = await freePorts(3);
  const postgresPort = await freePort();
  const password = randomBytes(18).toString('base64url');
  const postgresDir = path.join(tmpdir(), `relay-bench-postgres-${randomBytes(4).toString('hex')}`);
  const instancesCpuMs = (dataDir: string) => {
    const used = ['instance-1', 'instance-2'].map((name) => {
      try {
        return cpuMsOf(Number(readFileSync(path.join(dataDir, 'cluster', `${name}.pid`), 'utf8')));
      } catch {
        return null;
      }
    });
    return used.every((ms) => ms !== null) ? (used as number[]).reduce((a, b) => a + b, 0) : null;
  };
  const cluster = await startScript(
    'scripts/cluster.ts',
    `http://localhost:${port}`,
    {
      PORT: String(port),
      CLUSTER_POSTGRES_PORT: String(postgresPort),
      CLUSTER_POSTGRES_DIR: postgresDir,
      CLUSTER_POSTGRES_PASSWORD: password,
    },
    instancesCpuMs,
  );
  return {
    ...cluster,
    databaseUrl: postgresUrl(postgresPort, password, 'relay'),
    stop: async () => {
      await cluster.stop();
      rmSync(postgresDir, { recursive: true, force: true });
    },
  };
}
