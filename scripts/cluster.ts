// The app as several instances, on one machine: PostgreSQL (Debian's, data in $DATA_DIR/cluster/postgres), two
// instances of the production build on PORT+1 and PORT+2, and nginx (Debian's) on PORT in front of them, round
// robin. Run after `npm run build`; `npm run start:cluster` adds the demo's identity provider and mailbox.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { installDebianPackages } from './debianPackages';
import { startPostgres } from './postgres';

const INSTANCES = 2;
const DATABASE = 'relay';

/** A setting that must be a whole number within bounds: a clear line and exit 2 otherwise. */
function wholeNumber(name: string, fallback: number, lowest: number, highest: number): number {
  const raw = process.env[name] ?? String(fallback);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < lowest || value > highest) {
    console.error(`${name} must be a whole number from ${lowest} to ${highest}, got "${raw}"`);
    process.exit(2);
  }
  return value;
}

const port = wholeNumber('PORT', 3000, 1, 65_535 - INSTANCES);
const postgresPort = wholeNumber('CLUSTER_POSTGRES_PORT', 5433, 1, 65_535);
// Proxies in front of nginx (a test that names its client address is one); the instances trust nginx besides.
const proxiesInFront = wholeNumber('TRUSTED_PROXY_HOPS', 0, 0, 10);
const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
const postgresDir = path.resolve(
  process.env.CLUSTER_POSTGRES_DIR ?? path.join(dataDir, 'cluster', 'postgres'),
);
const clusterDir = path.join(dataDir, 'cluster');
const nginxDir = path.join(clusterDir, 'nginx');
// A throwaway cluster (the tests') flushes nothing to disk, and its database goes when it stops.
const throwaway = process.env.CLUSTER_THROWAWAY === '1';
const baseUrl = process.env.BASE_URL ?? `http://localhost:${port}`;
const instancePorts = Array.from({ length: INSTANCES }, (_, at) => port + 1 + at);

const nginxBinary = '/usr/sbin/nginx';
if (!existsSync(nginxBinary)) installDebianPackages(['nginx'], 'the cluster');

/** PostgreSQL started, or the reason it cannot be, in one line. */
function startDatabase() {
  try {
    return startPostgres(postgresDir, postgresPort, {
      throwaway,
      password: process.env.CLUSTER_POSTGRES_PASSWORD,
    });
  } catch (error) {
    console.error(`The cluster's PostgreSQL did not start: ${(error as Error).message}`);
    process.exit(1);
  }
}

const postgres = startDatabase();
const admin = new pg.Client({ connectionString: postgres.adminUrl });
await admin.connect();
const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [DATABASE]);
if (!rowCount) await admin.query(`create database ${DATABASE}`);
await admin.end();

const children: ChildProcess[] = [];
let stopping = false;

/** Whether a child has ended, by itself or by a signal (a killed one has no exit code). */
const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Each line a child prints, prefixed with its name, so that the instances' logs can be told apart. */
function prefixOutput(child: ChildProcess, name: string, onLine: (line: string) => void = () => {}) {
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const)
    if (stream)
      createInterface({ input: stream }).on('line', (line) => {
        out.write(`[${name}] ${line}\n`);
        onLine(line);
      });
}

/** Starts an instance; resolves once it listens (or has stopped: the others may still serve). */
function startInstance(instancePort: number, at: number): Promise<void> {
  const name = `instance-${at + 1}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
    env: {
      ...process.env,
      PORT: String(instancePort),
      HOST: '127.0.0.1',
      BASE_URL: baseUrl,
      INSTANCE_NAME: name,
      DATABASE_URL: postgres.urlOf(DATABASE),
      TRUSTED_PROXY_HOPS: String(proxiesInFront + 1),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Where an operator (or a test) finds the instance's process, as nginx's is in nginx.pid.
  mkdirSync(clusterDir, { recursive: true });
  writeFileSync(path.join(clusterDir, `${name}.pid`), `${child.pid}\n`);
  const listening = new Promise<void>((resolve) => {
    prefixOutput(child, name, (line) => line.startsWith('Listening on') && resolve());
    child.once('exit', () => resolve());
  });
  // One instance that stops is what nginx is for: the others go on serving.
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`[${name}] stopped (${signal ?? `exit ${code}`}); the others go on serving`);
  });
  children.push(child);
  return listening;
}

/** nginx in front of the instances: round robin, the client's address passed on, never buffering a live channel. */
function nginxConfiguration(): string {
  const temp = (name: string) => `${name}_temp_path ${path.join(nginxDir, 'temp', name)};`;
  return `daemon off;
worker_processes 1;
pid ${path.join(nginxDir, 'nginx.pid')};
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  # Bodies and answers stay in memory, never in a temporary file: as root, nginx's workers run as nobody, who
  # may not enter the folder the project sits in.
  client_max_body_size 1m;
  client_body_buffer_size 1m;
  proxy_max_temp_file_size 0;
  upstream relay {
    ${instancePorts.map((instancePort) => `server 127.0.0.1:${instancePort} max_fails=1 fail_timeout=5s;`).join('\n    ')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://relay;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 1h;
    }
  }
}
`;
}

function startNginx(): ChildProcess {
  mkdirSync(path.join(nginxDir, 'temp'), { recursive: true });
  const configFile = path.join(nginxDir, 'nginx.conf');
  writeFileSync(configFile, nginxConfiguration());
  const child = spawn(nginxBinary, ['-p', nginxDir, '-c', configFile, '-e', 'stderr'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixOutput(child, 'nginx');
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[nginx] stopped (${signal ?? `exit ${code}`})`);
      stop(1);
    }
  });
  children.push(child);
  return child;
}

/** Stops nginx, the instances and PostgreSQL, in that order; a throwaway cluster's data goes with them. */
function stop(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children.reverse()) child.kill('SIGTERM');
  const exited = children.map(
    (child) =>
      new Promise<void>((resolve) => (hasExited(child) ? resolve() : child.once('exit', () => resolve()))),
  );
  void Promise.all(exited).then(() => {
    try {
      postgres.stop();
    } catch (error) {
      // Already stopped: a signal to the whole process group reached it too.
      console.error(`The cluster's PostgreSQL: ${(error as Error).message}`);
    }
    if (throwaway) rmSync(postgresDir, { recursive: true, force: true });
    process.exit(exitCode);
  });
}
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());

// nginx opens its port once the instances listen: the first request it takes finds one.
await Promise.all(instancePorts.map(startInstance));
if (children.every(hasExited)) {
  console.error('No instance of the cluster started: see their lines above');
  stop(1);
} else if (!stopping) startNginx();
console.log(
  `Cluster at ${baseUrl}: nginx on 127.0.0.1:${port} in front of ${instancePorts.map((p) => `127.0.0.1:${p}`).join(' and ')}, PostgreSQL on 127.0.0.1:${postgresPort} (${postgresDir})`,
);
