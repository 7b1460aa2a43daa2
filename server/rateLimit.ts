import 'server-only';

/**
 * Per-client-IP limits (ASVS 5.0 V6.3.1, V2.4.1), counted in this process's memory over a sliding minute.
 * One server process is the deployment this project runs; several would share a store (a later change).
 */
export const rateLimits = {
  identify: { perMinute: 30 },
  signIn: { perMinute: 20 },
  sso: { perMinute: 20 },
  resetRequest: { perMinute: 10 },
  resetLink: { perMinute: 30 },
  pushSubscription: { perMinute: 10 },
  trafficVisit: { perMinute: 10 },
  trafficBatch: { perMinute: 60 },
  cspReport: { perMinute: 30 },
} as const;

export type RateLimitName = keyof typeof rateLimits;

const hits = new Map<string, number[]>();
const WINDOW_MS = 60_000;

/**
 * The client's IP. scripts/serve.ts ends X-Forwarded-For with the address of the socket it accepted; behind
 * TRUSTED_PROXY_HOPS proxies the client is that many entries further left, as the nearest trusted proxy saw it.
 */
export function clientIp(headers: Headers): string {
  const hops = Number(process.env.TRUSTED_PROXY_HOPS ?? '0');
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return chain[chain.length - 1 - (Number.isInteger(hops) && hops > 0 ? hops : 0)] ?? chain[0] ?? 'unknown';
}

/** Counts one request; returns the seconds to wait when the client is over the limit, else null. */
export function takeRateLimit(name: RateLimitName, headers: Headers, now = Date.now()): number | null {
  const key = `${name} ${clientIp(headers)}`;
  const recent = (hits.get(key) ?? []).filter((at) => now - at < WINDOW_MS);
  if (recent.length >= rateLimits[name].perMinute) {
    hits.set(key, recent);
    return Math.max(1, Math.ceil((WINDOW_MS - (now - (recent[0] as number))) / 1000));
  }
  recent.push(now);
  hits.set(key, recent);
  return null;
}
