import { useEffect, useState } from 'react';
import type { InspectionEvent } from 'xstate';
import { TRAFFIC_BATCH_MAX, transitionsTakenIn } from '@/machines/traffic';

// An open tab reports within seconds; one that is left reports as it goes.
const SEND_AFTER_MS = 10_000;

type Reporter = { inspect: (inspected: InspectionEvent) => void; send: () => void };

function newReporter(): Reporter {
  const queued: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const send = () => {
    clearTimeout(timer);
    timer = undefined;
    while (queued.length > 0) {
      const transitions = queued.splice(0, TRAFFIC_BATCH_MAX);
      fetch('/api/journey/traffic', {
        method: 'POST',
        keepalive: true,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ transitions }),
      }).catch(() => {
        // Counts are a product owner's overview: a batch lost to the network is not worth the user's attention.
      });
    }
  };
  const inspect = (inspected: InspectionEvent) => {
    const taken = transitionsTakenIn(inspected);
    if (taken.length === 0) return;
    queued.push(...taken);
    if (queued.length >= TRAFFIC_BATCH_MAX) send();
    else timer ??= setTimeout(send, SEND_AFTER_MS);
  };
  return { inspect, send };
}

/**
 * An inspector of the journey that reports the transitions this page takes, in batches, for the statechart
 * page's traffic: ids only, sent after a few seconds, when a batch is full, and as the page is hidden or left
 * (a keepalive request outlives the page). An automated browser (navigator.webdriver) is no real user: none.
 */
export function useJourneyTraffic(): ((inspected: InspectionEvent) => void) | undefined {
  const [reporter] = useState(() =>
    typeof window === 'undefined' || navigator.webdriver ? undefined : newReporter(),
  );
  useEffect(() => {
    if (!reporter) return;
    const sendWhenHidden = () => {
      if (document.visibilityState === 'hidden') reporter.send();
    };
    window.addEventListener('pagehide', reporter.send);
    document.addEventListener('visibilitychange', sendWhenHidden);
    return () => {
      window.removeEventListener('pagehide', reporter.send);
      document.removeEventListener('visibilitychange', sendWhenHidden);
      reporter.send();
    };
  }, [reporter]);
  return reporter?.inspect;
}
