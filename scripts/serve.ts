// Serves the production build: Next.js behind a thin HTTP server that records each request's real client address.
import { createServer } from 'node:http';
import next from 'next';

const port = Number(process.env.PORT ?? '3000');
const hostname = process.env.HOST ?? 'localhost';
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  console.error(`PORT must be a port number (1 to 65535), got "${process.env.PORT}"`);
  process.exit(2);
}
const trustedHops = Number(process.env.TRUSTED_PROXY_HOPS ?? '0');
if (!Number.isInteger(trustedHops) || trustedHops < 0) {
  console.error(`TRUSTED_PROXY_HOPS must be a whole number, got "${process.env.TRUSTED_PROXY_HOPS}"`);
  process.exit(2);
}

// In a cluster (scripts/cluster.ts) each instance has a name, which every answer carries for the tests and operators.
const instanceName = process.env.INSTANCE_NAME ?? '';
if (!/^[A-Za-z0-9._-]{0,64}$/.test(instanceName)) {
  console.error(`INSTANCE_NAME must be letters, digits, dots, dashes or underscores, got "${instanceName}"`);
  process.exit(2);
}

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

createServer((request, response) => {
  // X-Forwarded-For is only believed from trusted proxies; this server appends the address it saw itself,
  // so the client IP (server/clientIp.ts) is never one a client chose (ASVS 5.0 V6.3.1).
  const socketAddress = request.socket.remoteAddress ?? 'unknown';
  const forwarded = trustedHops > 0 ? request.headers['x-forwarded-for'] : undefined;
  request.headers['x-forwarded-for'] = forwarded ? `${forwarded}, ${socketAddress}` : socketAddress;
  if (instanceName) response.setHeader('X-Served-By', instanceName);
  void handle(request, response);
}).listen(port, hostname, () => {
  console.log(`Listening on http://${hostname}:${port}`);
});
