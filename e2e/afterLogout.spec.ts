import { noticeMessages } from '@/components/messages';
import type { SessionView } from '@/machines/journeyTypes';
import { type JourneyPath, journeyPaths } from '@/paths/sets';
import { demoUsers } from '@/server/demoData';
import type { Driver } from './driver';
import { onIdleConnectionReset } from './events';
import { expect, pathTest as test } from './fixtures';
import { deliverItem } from './serverState';
import { signInFromPage } from './signInFromPage';
import { walkPath } from './walkPath';

const passwordOf = (email: string) =>
  Object.values(demoUsers).find((persona) => persona.email === email)?.password ?? null;
/** The last session the path had in the machine: whose it was, and what waited for them then. */
const lastSessionOf = (path: JourneyPath) =>
  path.steps.findLast(({ state }) => state.context.session)?.state.context.session as SessionView;

// A generated path that signs in with a password and logs out, its password unchanged; these tests add what the
// browser and the server do afterwards.
const signInThenLogout = journeyPaths('full').find((path) => {
  const last = path.steps.at(-1);
  const session = lastSessionOf(path);
  return (
    last?.event.type === 'xstate.done.actor.signOut' &&
    last.state.context.notice === 'signedOut' &&
    session?.licenceAccepted === true &&
    passwordOf(session.user.email) !== null &&
    !path.steps.some(({ event }) => event.type === 'SUBMIT_NEW_PASSWORD')
  );
});

async function walkToLogout(driver: Driver, checkAccessibility: () => Promise<void>): Promise<JourneyPath> {
  if (!signInThenLogout) throw new Error('no generated path signs in with a password and logs out');
  await walkPath(signInThenLogout, driver, checkAccessibility);
  await driver.server.stopHolding();
  return signInThenLogout;
}

test('after a logout, Back and Forward show nothing private', async ({ driver, checkAccessibility }) => {
  await walkToLogout(driver, checkAccessibility);
  const { page, context } = driver;

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

test('after a logout, what arrives reaches no page, and waits for the next sign-in, where the home shows it', async ({
  driver,
  checkAccessibility,
}) => {
  const path = await walkToLogout(driver, checkAccessibility);
  const { page, emails } = driver;
  const { user, inbox } = lastSessionOf(path);
  const email = emails[user.email] ?? user.email;
  await deliverItem(email, { kind: 'message', summary: 'New message from Alan Turing' });
  // The signed-out page has no live channel: it stays where it is and announces nothing, for three times as long
  // as the server takes to pass a delivery on (it reads new deliveries twice a second).
  await page.waitForTimeout(1_500);
  await expect(page.locator('html')).toHaveAttribute('data-journey-state', 'journey.signedOut.welcome');
  await expect(page.getByRole('status', { name: 'Just arrived' })).toHaveText('');

  await signInFromPage(page, { email, password: passwordOf(user.email) as string });
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Unread messages' })).toContainText(
    String(inbox.unreadMessages + 1),
  );
});

test('the page a provider sends back to after its sign-out never tells a browser still signed in that it signed out', async ({
  driver,
}) => {
  const { page, emails, server } = driver;
  await server.stopHolding();
  // A link made elsewhere, in a browser signed out: signed out of the app it is, and the provider confirmed nothing.
  await page.goto('/sso/signed-out?state=made-elsewhere');
  await expect(page.getByRole('main').getByRole('status')).toHaveText(noticeMessages.providerSignOutFailed);
  // The same link in a browser that is signed in opens the app, signed in.
  const { email, password } = demoUsers.ada;
  await signInFromPage(page, { email: emails[email] ?? email, password });
  await page.goto('/sso/signed-out?state=made-elsewhere');
  await expect(page.getByRole('button', { name: 'Account menu' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'SIGN IN' })).toHaveCount(0);
});
