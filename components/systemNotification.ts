import type { LiveDelivery } from '@/machines/journeyTypes';
import { notificationOf } from './notificationContent';

/**
 * Shows what arrived as a system notification, through the service worker (the only way on Android, and one that
 * outlives the tab). Nothing where the browser has no worker or refuses: the page itself has already shown and
 * announced it.
 */
export function notifySystem(delivery: LiveDelivery): void {
  const { title, options } = notificationOf(delivery);
  navigator.serviceWorker?.ready
    .then((registration) => registration.showNotification(title, options))
    .catch((error: unknown) => console.warn('The system notification was not shown:', error));
}

/**
 * Asks the service worker to keep this browser's push subscription for the signed-in session, so that what
 * arrives while no page is open reaches it (worker/sw.ts subscribes and tells the server).
 */
export function keepPushSubscription(): void {
  navigator.serviceWorker?.ready
    .then((registration) => registration.active?.postMessage({ type: 'keep-push-subscription' }))
    .catch((error: unknown) => console.warn('The push subscription was not kept:', error));
}
