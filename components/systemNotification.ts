import type { LiveDelivery } from '@/machines/journeyTypes';
import { appIcons } from './ui/brand';

/**
 * Shows what arrived as a system notification, through the service worker (the only way on Android, and one that
 * outlives the tab). One per kind at a time: a newer missed call replaces the last. Nothing where the browser has
 * no worker or refuses: the page itself has already shown and announced it.
 */
export function notifySystem(delivery: LiveDelivery, productName: string): void {
  navigator.serviceWorker?.ready
    .then((registration) =>
      registration.showNotification(delivery.summary, {
        body: productName,
        tag: delivery.kind,
        icon: appIcons[0].src,
        lang: 'en',
      }),
    )
    .catch((error: unknown) => console.warn('The system notification was not shown:', error));
}
