import type { EventObject } from 'xstate';
import type { JourneyEvent } from '@/machines/journeyTypes';
import { type Driver, liveEmail } from './driver';
import { pressWithKeyboard, typeWithKeyboard } from './keyboard';

type EventOf<T extends JourneyEvent['type']> = Extract<JourneyEvent, { type: T }>;
type Perform = (driver: Driver, event: EventObject) => Promise<void>;

type UserEventTable = { [T in JourneyEvent['type']]: (driver: Driver, event: EventOf<T>) => Promise<void> };

/** A held server call ends: the real server answers, or, for a sampled network failure, the connection drops. */
const serverStep: Perform = async ({ server }, event) => {
  const code = (event as { error?: { code?: string } }).error?.code;
  if (code === 'unavailable') await server.failNetwork();
  else await server.answer();
};

// Users act with the keyboard alone (Tab to reach, Enter to press): every path proves no mouse is needed.
const userEvents: UserEventTable = {
  SIGN_IN: async ({ page }) => {
    await pressWithKeyboard(page, page.getByRole('button', { name: 'SIGN IN' }));
  },
  SUBMIT_EMAIL: async (driver, { email }) => {
    const { page } = driver;
    const field = page.getByRole('textbox', { name: 'Email or User Principal Name' });
    await typeWithKeyboard(page, field, liveEmail(driver, email));
    await pressWithKeyboard(page, page.getByRole('button', { name: 'Next' }));
  },
  SUBMIT_PASSWORD: async ({ page }, { password }) => {
    await typeWithKeyboard(page, page.getByLabel('Password', { exact: true }), password);
    // Enter in the field submits the form.
    await page.keyboard.press('Enter');
  },
  CHANGE_EMAIL: async ({ page }) => {
    await pressWithKeyboard(page, page.getByRole('button', { name: 'Change' }));
  },
  BACK: async ({ page }) => {
    await pressWithKeyboard(page, page.getByRole('button', { name: 'Back' }));
  },
  RETRY: async ({ page }) => {
    await pressWithKeyboard(page, page.getByRole('button', { name: 'Try again' }));
  },
  OPEN_MENU: async ({ page }) => {
    await pressWithKeyboard(page, page.getByRole('button', { name: 'Account menu' }));
  },
  CLOSE_MENU: async ({ page }) => {
    await page.keyboard.press('Escape');
  },
  LOGOUT: async ({ page }) => {
    // Opening the menu put focus on Logout, so this is a single Enter.
    await pressWithKeyboard(page, page.getByRole('button', { name: 'Logout' }));
  },
  RELOAD: async ({ page }) => {
    await page.reload();
  },
};

/** The events table: for every event the machine takes, what the user (or the server) does to cause it. */
export const eventTable: Record<string, Perform> = {
  'xstate.init': async ({ page }) => {
    await page.goto('/');
  },
  // The generator hands over events untyped; each entry receives the event of its own type.
  ...(userEvents as unknown as Record<string, Perform>),
  'xstate.done.actor.loadSession': serverStep,
  'xstate.error.actor.loadSession': serverStep,
  'xstate.done.actor.signIn': serverStep,
  'xstate.error.actor.signIn': serverStep,
  'xstate.done.actor.signOut': serverStep,
  'xstate.error.actor.signOut': serverStep,
};
