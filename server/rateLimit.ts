import 'server-only';
import { RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite } from 'rate-limiter-flexible';
import { clientIp } from './clientIp';
import { storeClient } from './database';

/**
 * Per-client-IP limits (ASVS 5.0 V6.3.1, V2.4.1) over a fixed minute, counted in the database so that every instance
 * behind the load balancer counts against the same limit and a restart forgets nothing.
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

type Limiter = RateLimiterPostgres | RateLimiterSQLite;
const limiters = new Map<RateLimitName, Limiter>();

/** rate-limiter-flexible's store for this database, on its table of migration 0014 (expired rows cleared hourly). */
function limiterOf(name: RateLimitName): Limiter {
  let limiter = limiters.get(name);
  if (!limiter) {
    const store = storeClient();
    const options = {
      keyPrefix: name,
      points: rateLimits[name].perMinute,
      duration: 60,
      tableName: 'rate_limit',
      tableCreated: true,
      clearExpiredByTimeout: true,
    };
    limiter =
      store.type === 'postgres'
        ? new RateLimiterPostgres({ ...options, storeClient: store.pool, storeType: 'pool' })
        : new RateLimiterSQLite({ ...options, storeClient: store.sqlite, storeType: 'better-sqlite3' });
    limiters.set(name, limiter);
  }
  return limiter;
}

/** Counts one request; resolves to the seconds to wait when the client is over the limit, else null. */
export async function takeRateLimit(name: RateLimitName, headers: Headers): Promise<number | null> {
  try {
    await limiterOf(name).consume(clientIp(headers));
    return null;
  } catch (refusal) {
    // The store's own failure (the database is down) is not a refusal: it goes on to the caller as it is.
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
  }
}
