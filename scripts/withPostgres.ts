// node --import tsx scripts/withPostgres.ts <command…>: runs the command beside a throwaway PostgreSQL server, whose
// superuser's URL it gives in TEST_POSTGRES_URL (the unit tests then make a database of their own per file).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPostgres } from './postgres';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('Usage: node --import tsx scripts/withPostgres.ts <command> [arguments…]');
  process.exit(2);
}

/** A loopback port nothing listens on now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const folder = mkdtempSync(path.join(tmpdir(), 'relay-postgres-'));
const server = startPostgres(folder, await freePort(), { throwaway: true });
let status = 1;
try {
  const run = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, TEST_POSTGRES_URL: server.adminUrl },
  });
  status = run.status ?? 1;
} finally {
  server.stop();
  rmSync(folder, { recursive: true, force: true });
}
process.exit(status);
