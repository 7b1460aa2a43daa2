import type { NotificationChoice } from '@/machines/journeyTypes';

// This browser's answer to notifications, whoever signs in on it: the permission itself is the browser's, per site.
const KEY = 'relay.notificationChoice';
const choices: readonly NotificationChoice[] = ['granted', 'denied', 'dismissed', 'notNow'];

/**
 * What this browser answered on an earlier visit; null when it was never asked. A browser that cannot notify at
 * all counts as one that refused: the app never asks it.
 */
export function keptNotificationChoice(): NotificationChoice | null {
  if (typeof window === 'undefined') return null;
  if (!('Notification' in window)) return 'denied';
  try {
    const kept = window.localStorage.getItem(KEY);
    return choices.find((choice) => choice === kept) ?? null;
  } catch {
    // Storage turned off: the app asks again next time, which is the safe side.
    return null;
  }
}

export function keepNotificationChoice(choice: NotificationChoice): void {
  try {
    window.localStorage.setItem(KEY, choice);
  } catch {
    // Storage turned off or full: nothing to keep it in.
  }
}
