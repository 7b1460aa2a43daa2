// The clusters the end-to-end tests run (scripts/cluster.ts): the one the cluster project's paths go through
// (started by Playwright), and the one the fault tests stop and kill (started by them), each with its own ports,
// folder and throwaway PostgreSQL.
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { postgresUrl } from '../scripts/postgres';

export type TestCluster = {
  /** nginx's address: the app as users reach it. */
  url: string;
  /** Each instance behind nginx, by its own port (nginx's, then one each). */
  instanceUrls: [string, string];
  /** The cluster's database, which its instances (and the workers that seed it) share. */
  databaseUrl: string;
  postgresDir: string;
  postgresPort: number;
  /** The cluster's own folder (`DATA_DIR`): nginx's, and each instance's pid file. */
  dataDir: string;
  /** What scripts/cluster.ts runs with, beside the app's settings. */
  env: Record<string, string>;
};

function testCluster(name: string, port: number, postgresPort: number): TestCluster {
  // Made once by the runner and inherited by its workers: a folder Debian's postgres user can reach, a password.
  const key = `E2E_${name.toUpperCase()}_POSTGRES`;
  process.env[`${key}_DIR`] ??= path.join(tmpdir(), `relay-e2e-${name}-${randomBytes(4).toString('hex')}`);
  process.env[`${key}_PASSWORD`] ??= randomBytes(18).toString('base64url');
  const postgresDir = process.env[`${key}_DIR`] as string;
  const password = process.env[`${key}_PASSWORD`] as string;
  const url = `http://localhost:${port}`;
  const dataDir = path.resolve(`.data/e2e-${name}`);
  return {
    url,
    instanceUrls: [`http://127.0.0.1:${port + 1}`, `http://127.0.0.1:${port + 2}`],
    databaseUrl: postgresUrl(postgresPort, password, 'relay'),
    postgresDir,
    postgresPort,
    dataDir,
    env: {
      DATA_DIR: dataDir,
      BASE_URL: url,
      PORT: String(port),
      CLUSTER_POSTGRES_PORT: String(postgresPort),
      CLUSTER_POSTGRES_DIR: postgresDir,
      CLUSTER_POSTGRES_PASSWORD: password,
      CLUSTER_THROWAWAY: '1',
    },
  };
}

const port = Number(process.env.E2E_CLUSTER_PORT ?? 3400);
const postgresPort = Number(process.env.E2E_CLUSTER_POSTGRES_PORT ?? 3450);

export const pathsCluster = testCluster('cluster', port, postgresPort);
export const faultsCluster = testCluster('faults', port + 10, postgresPort + 1);
