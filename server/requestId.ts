import 'server-only';

/** The header that carries a request's id: proxy.ts sets it on every page and API request and echoes it back. */
export const REQUEST_ID_HEADER = 'x-request-id';

// An id a client or a front proxy sent is kept only in a shape that can neither break a log line nor run long.
const WELL_FORMED_ID = /^[A-Za-z0-9-]{1,64}$/;

const madeFor = new WeakMap<Headers, string>();

/**
 * The id of the request these headers came with: the well-formed one it carries, else a random UUID made once for
 * it, so that every line one request writes has the same id (the server's tests call the routes without the proxy).
 */
export function requestIdOf(headers: Headers): string {
  const carried = headers.get(REQUEST_ID_HEADER);
  if (carried !== null && WELL_FORMED_ID.test(carried)) return carried;
  let made = madeFor.get(headers);
  if (made === undefined) {
    made = crypto.randomUUID();
    madeFor.set(headers, made);
  }
  return made;
}
