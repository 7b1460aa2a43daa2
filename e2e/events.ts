import type { EventObject } from 'xstate';
import type { JourneyEvent } from '@/machines/journeyTypes';
import { type Driver, liveEmail } from './driver';

type EventOf<T extends JourneyEvent['type']> = Extract<JourneyEvent, { type: T }>;
type Perform = (driver: Driver, event: EventObject) => Promise<void>;

const userEvent =
  <T extends JourneyEvent['type']>(
    _type: T,
    perform: (driver: Driver, event: EventOf<T>) => Promise<void>,
  ): Perform =>
  (driver, event) =>
    perform(driver, event as EventOf<T>);

/** A held server call ends: the real server answers, or, for a sampled network failure, the connection drops. */
const serverStep: Perform = async ({ server }, event) => {
  const code = (event as { error?: { code?: string } }).error?.code;
  if (code === 'unavailable') await server.failNetwork();
  else await server.answer();
};

/** The events table: for every event the machine takes, what the user (or the server) does to cause it. */
export const eventTable: Record<string, Perform> = {
  'xstate.init': async ({ page }) => {
    await page.goto('/');
  },
  SIGN_IN: userEvent('SIGN_IN', async ({ page }) => {
    await page.getByRole('button', { name: 'SIGN IN' }).click();
  }),
  SUBMIT_EMAIL: userEvent('SUBMIT_EMAIL', async (driver, { email }) => {
    await driver.page
      .getByRole('textbox', { name: 'Email or User Principal Name' })
      .fill(liveEmail(driver, email));
    await driver.page.getByRole('button', { name: 'Next' }).click();
  }),
  SUBMIT_PASSWORD: userEvent('SUBMIT_PASSWORD', async ({ page }, { password }) => {
    await page.getByLabel('Password', { exact: true }).fill(password);
    // The keyboard way: Enter in the field submits it.
    await page.getByLabel('Password', { exact: true }).press('Enter');
  }),
  CHANGE_EMAIL: userEvent('CHANGE_EMAIL', async ({ page }) => {
    await page.getByRole('button', { name: 'Change' }).click();
  }),
  BACK: userEvent('BACK', async ({ page }) => {
    await page.getByRole('button', { name: 'Back' }).click();
  }),
  RETRY: userEvent('RETRY', async ({ page }) => {
    await page.getByRole('button', { name: 'Try again' }).click();
  }),
  OPEN_MENU: userEvent('OPEN_MENU', async ({ page }) => {
    await page.getByRole('button', { name: 'Account menu' }).click();
  }),
  CLOSE_MENU: userEvent('CLOSE_MENU', async ({ page }) => {
    await page.keyboard.press('Escape');
  }),
  LOGOUT: userEvent('LOGOUT', async ({ page }) => {
    await page.getByRole('button', { name: 'Logout' }).click();
  }),
  RELOAD: userEvent('RELOAD', async ({ page }) => {
    await page.reload();
  }),
  'xstate.done.actor.loadSession': serverStep,
  'xstate.error.actor.loadSession': serverStep,
  'xstate.done.actor.signIn': serverStep,
  'xstate.error.actor.signIn': serverStep,
  'xstate.done.actor.signOut': serverStep,
  'xstate.error.actor.signOut': serverStep,
};
