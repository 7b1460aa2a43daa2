import 'server-only';

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
