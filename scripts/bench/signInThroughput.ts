// Sign-in throughput over real HTTP beside the raw argon2id verify rate, measured in one run: their ratio says
// whether the hash, not the stack, is the cost of a sign-in.
import { Agent, request } from 'node:http';
import { hash, verify } from '@node-rs/argon2';
import { demoUsers } from '@/server/demoData';
import type { RunningApp } from './appServer';
import { type LoadResult, percentile, runLoad } from './load';

export type SignInFigures = {
  argon2: LoadResult;
  signIns: LoadResult;
  identify: LoadResult;
};

// The server's parameters (server/passwordHash.ts): argon2id, m = 19 MiB, t = 2, p = 1.
const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 };

/** Each simulated browser is a client of its own address (the server trusts one proxy in the benchmark). */
const clientHeaders = (baseUrl: string, call: number) => ({
  'content-type': 'application/json',
  origin: baseUrl,
  'x-forwarded-for': `10.${(call >> 16) & 255}.${(call >> 8) & 255}.${call & 255}`,
});

// node:http with kept-alive connections: the load's own cost stays small beside the server's on the same cores.
const agent = new Agent({ keepAlive: true });
// A request that hangs is counted as a failure instead of stalling the run.
const REQUEST_TIMEOUT_MS = 30_000;

function post(baseUrl: string, pathname: string, body: unknown, call: number): Promise<void> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const sent = request(
      `${baseUrl}${pathname}`,
      {
        method: 'POST',
        agent,
        timeout: REQUEST_TIMEOUT_MS,
        headers: { ...clientHeaders(baseUrl, call), 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        response.resume();
        response.on('error', reject);
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`${pathname} answered ${status}`));
        });
      },
    );
    sent.on('error', reject);
    sent.on('timeout', () =>
      sent.destroy(new Error(`${pathname} did not answer within ${REQUEST_TIMEOUT_MS} ms`)),
    );
    sent.end(payload);
  });
}

/** Sign-ins as a browser does them (identify, then the password), each from a client of its own address. */
export function measureSignInLoad(
  { baseUrl, cpuMs }: Pick<RunningApp, 'baseUrl' | 'cpuMs'>,
  concurrency: number,
  seconds: number,
): Promise<LoadResult> {
  const { email, password } = demoUsers.ada;
  return runLoad(
    async (call) => {
      await post(baseUrl, '/api/identify', { email }, call);
      await post(baseUrl, '/api/session', { email, password }, call);
    },
    concurrency,
    seconds,
    cpuMs,
  );
}

export async function measureSignIns(
  { baseUrl, cpuMs }: RunningApp,
  concurrency: number,
  seconds: number,
): Promise<SignInFigures> {
  const { email, password } = demoUsers.ada;
  const stored = await hash(password, options as Parameters<typeof hash>[1]);
  const argon2 = await runLoad(
    async () => {
      if (!(await verify(stored, password))) throw new Error('the hash did not verify');
    },
    concurrency,
    seconds,
  );
  const signIns = await measureSignInLoad({ baseUrl, cpuMs }, concurrency, seconds);
  const identify = await runLoad(
    (call) => post(baseUrl, '/api/identify', { email }, call),
    concurrency,
    seconds / 2,
    cpuMs,
  );
  return { argon2, signIns, identify };
}

export const latencyLine = (result: LoadResult) =>
  `p50 ${percentile(result.latenciesMs, 0.5).toFixed(0)} ms, p95 ${percentile(result.latenciesMs, 0.95).toFixed(0)} ms, p99 ${percentile(result.latenciesMs, 0.99).toFixed(0)} ms`;
