// A PostgreSQL server of the project's own, on loopback: Debian's `postgresql` package (installed with apt-get when
// missing and running as root, as the browser is), a cluster made with initdb in a folder of its own.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { installDebianPackages } from './debianPackages';

const POSTGRES_ROOT = '/usr/lib/postgresql';
const SUPERUSER = 'relay';

/** The newest installed PostgreSQL's programs, or null. */
function postgresBin(): string | null {
  if (!existsSync(POSTGRES_ROOT)) return null;
  const [newest] = readdirSync(POSTGRES_ROOT)
    .filter((version) => existsSync(path.join(POSTGRES_ROOT, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return newest ? path.join(POSTGRES_ROOT, newest, 'bin') : null;
}

const isRoot = () => process.getuid?.() === 0;

/** The programs of Debian's postgresql, installed where missing. */
export function ensurePostgresInstalled(): string {
  const found = postgresBin();
  if (found) return found;
  installDebianPackages(['postgresql'], 'PostgreSQL');
  const installed = postgresBin();
  if (!installed) throw new Error('Installing postgresql gave no initdb');
  return installed;
}

/** PostgreSQL refuses to run as root: as root, its programs run as Debian's `postgres` user. */
function runAsServerUser(program: string, args: string[]) {
  const [command, commandArgs] = isRoot()
    ? ['runuser', ['-u', 'postgres', '--', program, ...args]]
    : [program, args];
  const result = spawnSync(command, commandArgs, { encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(
      `${path.basename(program)} failed: ${(result.stderr || result.stdout).trim().slice(-800)}`,
    );
}

/** Gives a file or folder to the server's user (as root, Debian's `postgres`). */
function giveToServerUser(file: string) {
  if (!isRoot()) return;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout);
  chownSync(file, id('-u'), id('-g'));
}

export type RunningPostgres = {
  /** The superuser's URL to the `postgres` database: for making and dropping databases. */
  adminUrl: string;
  /** The URL of a database on this server, with the same credentials. */
  urlOf: (database: string) => string;
  stop: () => void;
};

/** Stops the server of `folder` at once: open connections are ended, as at an administrator's restart. */
export function stopPostgres(folder: string): void {
  const bin = ensurePostgresInstalled();
  runAsServerUser(path.join(bin, 'pg_ctl'), ['-D', path.join(folder, 'data'), '-m', 'fast', '-w', 'stop']);
}

/** As root, the server runs as `postgres`: every folder above `folder` must let that user through. */
function checkReachable(folder: string) {
  if (!isRoot()) return;
  if (spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-w', folder]).status !== 0)
    throw new Error(
      `Debian's postgres user cannot reach ${folder}: give PostgreSQL a folder every user can enter (one under /tmp)`,
    );
}

/** The URL of `database` on a server of this project's: its superuser, by TCP on loopback. */
export const postgresUrl = (port: number, password: string, database: string) =>
  `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

/**
 * Makes a cluster in `folder` (first time only; password authentication, loopback only; the superuser's password
 * is `password`, or a random one) and starts it on `port`. The folder must be one the server's user can reach: as
 * root, not under a root-only home. A `throwaway` server (the tests') skips flushing to disk: nothing it holds
 * outlives the run.
 */
export function startPostgres(
  folder: string,
  port: number,
  { throwaway = false, password: chosenPassword }: { throwaway?: boolean; password?: string } = {},
): RunningPostgres {
  const bin = ensurePostgresInstalled();
  const data = path.join(folder, 'data');
  const passwordFile = path.join(folder, 'password');
  // Only the folder itself is private: the folders above it stay open for the server's user to pass through.
  mkdirSync(path.dirname(folder), { recursive: true });
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  giveToServerUser(folder);
  checkReachable(folder);
  if (!existsSync(path.join(data, 'PG_VERSION'))) {
    const password = chosenPassword ?? randomBytes(18).toString('base64url');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    giveToServerUser(passwordFile);
    runAsServerUser(path.join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      SUPERUSER,
      '--auth=scram-sha-256',
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C',
    ]);
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  // Loopback only, and no Unix socket: clients come by TCP, with the password.
  const options = [
    `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=''`,
    ...(throwaway ? ['-c fsync=off -c synchronous_commit=off -c full_page_writes=off'] : []),
  ].join(' ');
  runAsServerUser(path.join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-o',
    options,
    '-l',
    path.join(folder, 'log'),
    '-w',
    'start',
  ]);
  const urlOf = (database: string) => postgresUrl(port, password, database);
  return {
    adminUrl: urlOf('postgres'),
    urlOf,
    stop: () => stopPostgres(folder),
  };
}
