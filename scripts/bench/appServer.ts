// The production build served for a benchmark: its own port, its own fresh data, the demo users seeded.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

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

/** Starts `scripts/serve.ts` on the build in `.next`; resolves once the session API answers. */
export async function startApp(): Promise<RunningApp> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'relay-bench-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      BASE_URL: baseUrl,
      DATA_DIR: dataDir,
      RELAY_DEMO: '1',
      // Every simulated client names its own address, so the per-IP limits measure nothing here.
      TRUSTED_PROXY_HOPS: '1',
      BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/api/session`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error('the app did not start within a minute');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseUrl,
    cpuMs: () => cpuMsOf(child.pid),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
