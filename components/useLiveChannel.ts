import { useEffect, useRef } from 'react';
import { type JourneyEvent, liveDeliveryFrom } from '@/machines/journeyTypes';

/**
 * While `open`, the page listens on its live channel (Server-Sent Events) and tells the journey what arrives,
 * from the last delivery its counts include (`liveFrom`), so nothing delivered before the channel opened is lost.
 * The browser reconnects by itself after a drop, saying the last delivery it heard.
 */
export function useLiveChannel(
  open: boolean,
  liveFrom: number | undefined,
  send: (event: JourneyEvent) => void,
) {
  // Read when the channel opens: later counts come over the channel itself, which must not reopen for them.
  const since = useRef(liveFrom);
  since.current = liveFrom;
  useEffect(() => {
    if (!open) return;
    const from = since.current === undefined ? '' : `?since=${since.current}`;
    const channel = new EventSource(`/api/notifications/live${from}`);
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
