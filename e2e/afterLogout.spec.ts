import { journeyPaths } from '@/paths/sets';
import { onIdleConnectionReset } from './events';
import { expect, pathTest as test } from './fixtures';
import { walkPath } from './walkPath';

// The generated path that signs in and logs out; this test adds what the browser does afterwards.
const signInThenLogout = journeyPaths('full').find((path) => {
  const last = path.steps.at(-1);
  return last?.event.type === 'xstate.done.actor.signOut' && last.state.context.notice === 'signedOut';
});

test('after a logout, Back and Forward show nothing private', async ({
  page,
  context,
  emails,
  accountNumbers,
  server,
  mail,
  inOtherTab,
  checkAccessibility,
}) => {
  if (!signInThenLogout) throw new Error('no generated path ends with a logout');
  await walkPath(
    signInThenLogout,
    { page, context, emails, accountNumbers, server, mail, inOtherTab },
    checkAccessibility,
  );
  await server.stopHolding();

  await page.goBack();
  await page.goForward();
  await expect(page.getByRole('button', { name: 'SIGN IN' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Welcome back/ })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Missed calls' })).toHaveCount(0);

  // Neither the page nor the session API may be kept by the browser or a proxy.
  for (const path of ['/', '/api/session']) {
    const response = await context.request.get(path, onIdleConnectionReset);
    expect(response.headers()['cache-control'], path).toContain('no-store');
  }
});
