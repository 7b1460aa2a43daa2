import { useEffect } from 'react';
import { type JourneyEvent, liveDeliveryFrom } from '@/machines/journeyTypes';

/**
 * While `open`, the page listens on its live channel (Server-Sent Events) and tells the journey what arrives.
 * The browser reconnects by itself after a drop, saying the last delivery it heard, so nothing is lost between.
 */
export function useLiveChannel(open: boolean, send: (event: JourneyEvent) => void) {
  useEffect(() => {
    if (!open) return;
    const channel = new EventSource('/api/notifications/live');
    channel.addEventListener('delivery', (message) => {
      let data: unknown = null;
      try {
        data = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        return;
      }
      const delivery = liveDeliveryFrom(data);
      if (delivery) send({ type: 'DELIVERY_ARRIVED', delivery });
    });
    return () => channel.close();
  }, [open, send]);
}
