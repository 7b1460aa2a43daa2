import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { parseDelivery } from '@/scripts/deliveryArgs';
import { cookieFrom, request } from './testbed';

const { seedUser } = await import('./seed');
const { demoUsers } = await import('./demoData');
const session = await import('@/app/api/session/route');

/** Runs `npm run deliver`'s command itself, against this test file's database. */
async function deliverCommand(args: string[]) {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', 'scripts/deliver.ts', ...args],
      { env: process.env },
    );
    return { code: 0, output: stdout };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, output: failure.stderr };
  }
}

describe('npm run deliver', () => {
  it('shows what arrived while the user was signed out at their next sign-in', async () => {
    const ada = { ...demoUsers.ada, email: 'ada-deliver@acme.test' };
    await seedUser(ada);
    const signIn = () =>
      session.POST(request('/api/session', 'POST', { email: ada.email, password: ada.password }));

    const first = await signIn();
    const before = (await first.json()).session.inbox;
    await session.DELETE(request('/api/session', 'DELETE', undefined, { cookie: cookieFrom(first) }));

    const delivered = await deliverCommand([
      '--to',
      ada.email,
      '--kind',
      'message',
      '--from',
      'Grace Hopper',
    ]);
    assert.equal(delivered.code, 0, delivered.output);

    const after = (await (await signIn()).json()).session.inbox;
    assert.deepEqual(after, { ...before, unreadMessages: before.unreadMessages + 1 });
  });

  it('says so, with exit code 1, when no user has the email', async () => {
    const answer = await deliverCommand(['--to', 'nobody@acme.test', '--kind', 'missed-call']);
    assert.equal(answer.code, 1);
    assert.match(answer.output, /No user has the email nobody@acme.test/);
  });

  it('refuses bad flags with exit code 2 and the usage', async () => {
    const answer = await deliverCommand(['--to', 'ada@acme.test', '--kind', 'fax']);
    assert.equal(answer.code, 2);
    assert.match(answer.output, /--kind must be one of missed-call, message, meeting-invitation\nUsage:/);
  });

  const badFlags: Array<[string, string[], RegExp]> = [
    ['an unknown flag', ['--to', 'a@b.test', '--kind', 'message', '--cc', 'x'], /Unknown option '--cc'/],
    ['a missing --to', ['--kind', 'message'], /--to must be an email address/],
    ['a malformed --to', ['--to', 'ada', '--kind', 'message'], /--to must be an email address/],
    ['a missing --kind', ['--to', 'a@b.test'], /--kind must be one of/],
    ['an overlong --from', ['--to', 'a@b.test', '--kind', 'message', '--from', 'x'.repeat(81)], /at most 80/],
    ['a --from of two lines', ['--to', 'a@b.test', '--kind', 'message', '--from', 'Ada\nEve'], /on one line/],
  ];
  it('tells what arrived and from whom, as the notification says it', () => {
    const call = ['--to', 'a@b.test', '--kind', 'missed-call', '--from', ' Grace Hopper '];
    assert.equal(parseDelivery(call).summary, 'Missed call from Grace Hopper');
    assert.equal(
      parseDelivery(['--to', 'a@b.test', '--kind', 'meeting-invitation']).summary,
      'Meeting invitation from a colleague',
    );
  });

  for (const [what, args, message] of badFlags) {
    it(`names the problem with ${what}`, () => {
      assert.throws(() => parseDelivery(args), message);
    });
  }
});
