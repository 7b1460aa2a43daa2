import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

/** An administrator's command (npm run upn) started with this DATABASE_URL: its exit code and what it printed. */
async function commandWith(databaseUrl: string, email = 'a@acme.test') {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'relay-database-url-'));
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    BETTER_AUTH_SECRET: 'unit-test-secret-not-for-production-0123456789',
  };
  const args = ['--conditions=react-server', '--import', 'tsx', 'scripts/upn.ts'];
  try {
    await promisify(execFile)(
      process.execPath,
      [...args, '--email', email, '--upn', 'a@acme.onmicrosoft.test'],
      {
        env,
      },
    );
    return { code: 0, output: '' };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, output: failure.stderr.trim() };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const password = 'correct-horse-battery';

describe('DATABASE_URL', () => {
  it('stops with one line naming the setting when it does not parse, never repeating it', async () => {
    for (const wrong of [
      `mysql://relay:${password}@db.example:3306/relay`,
      `postgres://relay:${password}@`,
      'not a url',
    ]) {
      const { code, output } = await commandWith(wrong);
      assert.equal(code, 1, wrong);
      assert.match(output, /^DATABASE_URL must be a PostgreSQL URL/, wrong);
      assert.equal(output.split('\n').length, 1, `one line for ${wrong}`);
      assert.ok(!output.includes(password), 'the password is never printed');
    }
  });

  it('stops with one line naming the setting and where it points when nothing answers there', async () => {
    const { code, output } = await commandWith(`postgres://relay:${password}@127.0.0.1:1/relay`);
    assert.equal(code, 1);
    assert.equal(output, 'DATABASE_URL: no database answered at 127.0.0.1:1/relay (ECONNREFUSED)');
  });

  it('says the server refused it, without the password, when the password is wrong', {
    skip:
      !process.env.TEST_POSTGRES_URL &&
      'no PostgreSQL server in this run (npm run test:unit:postgres has one)',
  }, async () => {
    const url = new URL(process.env.TEST_POSTGRES_URL as string);
    url.password = password;
    const { code, output } = await commandWith(url.href);
    assert.equal(code, 1);
    assert.match(
      output,
      /^DATABASE_URL: the database at 127\.0\.0\.1:\d+\/postgres refused the connection: password authentication failed/,
    );
    assert.ok(!output.includes(password));
  });
});

describe('migrations on PostgreSQL', {
  skip:
    !process.env.TEST_POSTGRES_URL && 'no PostgreSQL server in this run (npm run test:unit:postgres has one)',
}, () => {
  it('are run by one instance at a time: another that starts meanwhile waits for the lock', async () => {
    await import('./testbed');
    const { oneInstanceAtATime } = await import('./database');
    const spans: Array<{ start: number; end: number }> = [];
    const migrating = () =>
      oneInstanceAtATime(async () => {
        const start = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 150));
        spans.push({ start, end: performance.now() });
      });
    await Promise.all([migrating(), migrating(), migrating()]);
    spans.sort((a, b) => a.start - b.start);
    for (let at = 1; at < spans.length; at += 1)
      assert.ok(
        (spans[at] as { start: number }).start >= (spans[at - 1] as { end: number }).end,
        'one after another',
      );
  });
});
