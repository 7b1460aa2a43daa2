import { test } from '@playwright/test';

let clients = 0;

// What Node's fetch reports when the connection went away under a request: the server closed it, idle, as the
// request went out (its keep-alive ran out), so the request was never read.
const CONNECTION_RESETS = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * Node's fetch, sent once more when the kept-alive connection it used was closed by the server as it went out:
 * as `onIdleConnectionReset` (e2e/events.ts) has Playwright's own request context do.
 */
export async function fetchAgainIfReset(url: string | URL, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = ((error as Error).cause as { code?: string } | undefined)?.code;
    if (!code || !CONNECTION_RESETS.has(code)) throw error;
    return fetch(url, init);
  }
}

export type ClientAnswer = { status: number; body: Record<string, unknown> };

/**
 * A request from another client of the server (another browser, the mobile app): its own address, none of this
 * browser's cookies, only the credential it is given (a session cookie or a bearer token replayed).
 */
export async function fromAnotherClient(
  path: string,
  {
    method = 'GET',
    bearer,
    cookie,
    body,
  }: { method?: string; bearer?: string; cookie?: string; body?: object },
): Promise<ClientAnswer> {
  const baseURL = test.info().project.use.baseURL as string;
  clients += 1;
  const headers: Record<string, string> = {
    // The server trusts one proxy in the tests: this names an address no path's browser has.
    'x-forwarded-for': `198.19.${test.info().workerIndex % 256}.${clients % 256}`,
  };
  // The mobile app sends its bearer token and no Origin; another browser sends the page's Origin.
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  else headers.origin = new URL(baseURL).origin;
  if (cookie) headers.cookie = cookie;
  if (body) headers['content-type'] = 'application/json';
  const response = await fetchAgainIfReset(new URL(path, baseURL), {
    method,
    headers,
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
  } catch {
    throw new Error(`${method} ${path} answered ${response.status} with no JSON: ${text.slice(0, 200)}`);
  }
}
