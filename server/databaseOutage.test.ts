import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { sql } from 'kysely';
import './testbed';

const { database } = await import('./database');
const { whileDatabaseAnswers } = await import('./http');

describe('the database going away, on PostgreSQL', {
  skip:
    !process.env.TEST_POSTGRES_URL && 'no PostgreSQL server in this run (npm run test:unit:postgres has one)',
}, () => {
  it('drops connections it cut, logs it, and answers the next query on a new one, the process still up', async () => {
    await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(database())));
    const logged = mock.method(console, 'error', () => {});
    // As an administrator's restart does: every other connection to this database is ended under the pool.
    const { rows } = await sql<{ ended: number }>`
      select count(pg_terminate_backend(pid))::int as ended from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`.execute(database());
    // The pool hears of its cut connections when their messages are read: at once on an idle machine, later on a busy one.
    const unreachableLogged = () =>
      logged.mock.calls.some(
        (call) => JSON.parse(String(call.arguments[0])).event === 'database.unreachable',
      );
    for (let waited = 0; waited < 5_000 && !unreachableLogged(); waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    logged.mock.restore();
    assert.ok((rows[0]?.ended ?? 0) > 0, 'some idle connections were ended');
    assert.ok(unreachableLogged(), 'the cut connections were logged');
    const { rows: again } = await sql<{ one: number }>`select 1 as one`.execute(database());
    assert.deepEqual(again, [{ one: 1 }]);
  });

  it('answers 503 with Retry-After from any route while the database does not answer, and logs it', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const logged = mock.method(console, 'error', () => {});
    const response = await whileDatabaseAnswers(async () => {
      throw refused;
    })();
    logged.mock.restore();
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '5');
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'SERVICE_UNAVAILABLE');
    assert.equal(logged.mock.callCount(), 1);
    const other = new Error('a bug');
    await assert.rejects(
      whileDatabaseAnswers(async () => {
        throw other;
      })(),
      other,
    );
  });
});
