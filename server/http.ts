import 'server-only';
import { after } from 'next/server';
import type { z } from 'zod';
import { config } from './config';
import { isDatabaseUnreachable } from './database';
import { logOperationalEvent, logSecurityEvent } from './log';
import { type RateLimitName, takeRateLimit } from './rateLimit';

const API_HEADERS = {
  // no-transform also keeps the server from gzipping answers of a few hundred bytes, which costs more than it saves.
  'Cache-Control': 'no-store, no-transform',
  // ASVS 5.0 V4.1.1: the media type with its charset, so no client has to guess how to read it.
  'Content-Type': 'application/json; charset=utf-8',
};

/** Every API answer: JSON, never cached (ASVS 5.0 V14.3.2), with any cookies the step set. */
export function answer(body: unknown, status = 200, cookies: string[] = []): Response {
  const headers = new Headers(API_HEADERS);
  for (const cookie of cookies) headers.append('Set-Cookie', cookie);
  return new Response(JSON.stringify(body), { status, headers });
}

export function problem(status: number, code: string, message: string): Response {
  return answer({ error: { code, message } }, status);
}

/** The answers the journey's APIs share, in one place, each with a stable code. */
export const problems = {
  invalidCredentials: () => problem(401, 'INVALID_CREDENTIALS', 'The email or password is incorrect.'),
  accountNumberMismatch: () =>
    problem(422, 'ACCOUNT_NUMBER_MISMATCH', 'That account number does not match this email.'),
  accountNumberRequired: () =>
    problem(
      400,
      'ACCOUNT_NUMBER_REQUIRED',
      'This email is in more than one account: send its accountNumber.',
    ),
  lockedOut: (retryAt: Date) =>
    answer(
      {
        error: {
          code: 'LOCKED_OUT',
          message: 'Too many failed sign-ins for this email. Try again later.',
          retryAt: retryAt.toISOString(),
        },
      },
      429,
    ),
  rateLimited: (retryAfterSeconds: number) => {
    const response = problem(
      429,
      'RATE_LIMITED',
      'Too many requests from your network. Wait a minute and try again.',
    );
    response.headers.set('Retry-After', String(retryAfterSeconds));
    return response;
  },
  notSignedIn: () => problem(401, 'NOT_SIGNED_IN', 'Sign in first.'),
  serviceUnavailable: () => {
    const response = problem(
      503,
      'SERVICE_UNAVAILABLE',
      'The service is unavailable for a moment. Try again.',
    );
    response.headers.set('Retry-After', '5');
    return response;
  },
  resetLinkInvalid: () =>
    problem(410, 'RESET_LINK_INVALID', 'This reset link has expired, was already used, or is not valid.'),
  passwordTooCommon: () =>
    problem(422, 'PASSWORD_TOO_COMMON', 'That password is one of the most common ones. Choose another.'),
  // One answer for every SSO failure: why it failed is in the server's log, not in the browser (ASVS 5.0 V16.5.1, V16.3.4).
  ssoFailed: (cookies: string[] = []) =>
    answer(
      {
        error: { code: 'SSO_FAILED', message: 'Single Sign-On did not work. Contact your IT administrator.' },
      },
      400,
      cookies,
    ),
};

/**
 * A route handler that answers 503 SERVICE_UNAVAILABLE while the database does not answer (the journey's "try
 * again" states; never a 500 or a stack trace), and logs why; it answers again as soon as the database is back.
 */
export function whileDatabaseAnswers<Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (!isDatabaseUnreachable(error)) throw error;
      logOperationalEvent({ event: 'database.unreachable', error: (error as Error).message });
      return problems.serviceUnavailable();
    }
  };
}

/**
 * Cookie-authenticated changes must come from our own pages (ASVS 5.0 V3.5.1): a browser always sends
 * Origin on a cross-site POST or DELETE, and JSON bodies force a CORS preflight on top.
 */
export function refuseForeignOrigin(request: Request): Response | null {
  // A bearer token is not sent by the browser on its own, so it cannot be forged across sites.
  if (request.headers.get('authorization')?.startsWith('Bearer ')) return null;
  const origin = request.headers.get('origin');
  if (origin === config.baseUrl) return null;
  // ASVS 5.0 V16.3.2: a refused change is logged with the site it came from (an origin names no one, holds no secret).
  logSecurityEvent(request.headers, {
    event: 'request.refused',
    reason: 'foreignOrigin',
    origin: origin?.slice(0, 256) ?? null,
  });
  return problem(403, 'FORBIDDEN_ORIGIN', 'This request must come from the sign-in page.');
}

const MAX_BODY_BYTES = 4 * 1024;

type BodyResult<T> = { ok: true; value: T } | { ok: false; response: Response };

/** Reads a small JSON body and checks it against a schema; anything else is a 400 that says what is wrong. */
export async function readJsonBody<T>(
  request: Request,
  schema: z.ZodType<T>,
  { maxBytes = MAX_BODY_BYTES, mediaTypes = ['application/json'] } = {},
): Promise<BodyResult<T>> {
  const fail = (code: string, message: string) => ({
    ok: false as const,
    response: problem(400, code, message),
  });
  const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!mediaTypes.includes(mediaType)) {
    return fail('UNSUPPORTED_MEDIA_TYPE', `Send the request body as ${mediaTypes.join(' or ')}.`);
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  const tooLarge = () => fail('BODY_TOO_LARGE', `The request body must be at most ${maxBytes} bytes.`);
  if (declared > maxBytes) return tooLarge();
  const text = await readAtMost(request, maxBytes);
  if (text === null) return tooLarge();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('MALFORMED_JSON', 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? `${first.path.join('.')}: ` : '';
    return fail('INVALID_BODY', `${where}${first?.message ?? 'invalid value'}`);
  }
  return { ok: true, value: parsed.data };
}

/** The body as text, or null once it grows past the limit (a missing or lying Content-Length included). */
async function readAtMost(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A journey POST: from our own pages, within this client's limit, with a body the schema accepts. */
export async function readJourneyPost<T>(
  request: Request,
  limit: RateLimitName,
  schema: z.ZodType<T>,
): Promise<BodyResult<T>> {
  const refused = refuseForeignOrigin(request);
  if (refused) return { ok: false, response: refused };
  const waitSeconds = await takeRateLimit(limit, request.headers);
  if (waitSeconds !== null) return { ok: false, response: problems.rateLimited(waitSeconds) };
  return readJsonBody(request, schema);
}

/**
 * Work that must not hold up (or show in) the answer: Next's after() once the response is sent; outside a
 * request (the server's tests) it simply runs on its own. A failure is logged, never thrown at nobody.
 */
export function afterAnswer(task: () => Promise<void>): void {
  const logged = () =>
    task().catch((error: Error) =>
      logOperationalEvent({ event: 'after_answer.failed', error: error.message }),
    );
  try {
    after(logged);
  } catch {
    void logged();
  }
}
