import { problem, problems, whileDatabaseAnswers } from '@/server/http';
import { hasAcceptedLicence } from '@/server/licence';
import { type LiveDelivery, openLiveChannel } from '@/server/notifications/liveChannels';
import { currentSession } from '@/server/session';

// A proxy or an idle network drops a silent connection; a comment line every so often keeps it open.
const KEEP_ALIVE_MS = 20_000;
const LAST_EVENT_ID = /^\d{1,15}$/;

/**
 * The signed-in page's live channel (Server-Sent Events): each delivery to its user, as it arrives. The page opens
 * it from the last delivery its counts include (`?since=`), and the browser reconnects by itself with the last
 * one it heard (Last-Event-ID, which wins); anything else in Last-Event-ID starts from now.
 */
export const GET = whileDatabaseAnswers(async (request: Request) => {
  const asked = new URL(request.url).searchParams.get('since');
  if (asked !== null && !LAST_EVENT_ID.test(asked))
    return problem(400, 'INVALID_SINCE', 'since must be the number of a delivery.');
  const current = await currentSession(request.headers);
  if (!current) return problems.notSignedIn();
  // What arrives is the app's to show only once its licence is accepted.
  if (!(await hasAcceptedLicence(current.user.id)))
    return problem(403, 'LICENCE_NOT_ACCEPTED', 'Accept the licence agreement first.');
  const lastEventId = request.headers.get('last-event-id') ?? '';
  const heard = LAST_EVENT_ID.test(lastEventId) ? lastEventId : asked;
  const since = heard === null ? null : Number(heard);
  const encoder = new TextEncoder();
  let stop: (() => void) | undefined;
  let gone = false;
  // The browser may go while the channel is still opening: the channel then closes as soon as it is open.
  const leave = () => {
    gone = true;
    stop?.();
  };
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      request.signal.addEventListener('abort', leave);
      let closed = false;
      // Nothing is written to a stream the browser has left: the controller would throw, outside any request.
      const write = (text: string) => {
        if (!closed && !gone) controller.enqueue(encoder.encode(text));
      };
      const keepAlive = setInterval(() => write(': still here\n\n'), KEEP_ALIVE_MS);
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(keepAlive);
        // Already closed when the browser went away first.
        try {
          controller.close();
        } catch {}
      };
      write('retry: 3000\n\n');
      stop = await openLiveChannel(
        {
          userId: current.user.id,
          sessionId: current.sessionId,
          stillSignedIn: async () => (await currentSession(request.headers))?.sessionId === current.sessionId,
          send: (delivery: LiveDelivery) =>
            write(`id: ${delivery.seq}\nevent: delivery\ndata: ${JSON.stringify(delivery)}\n\n`),
          close,
        },
        since,
      );
      if (gone) stop();
    },
    cancel: leave,
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // nginx (issue 17) would otherwise hold the events back in its buffer.
      'X-Accel-Buffering': 'no',
    },
  });
});
