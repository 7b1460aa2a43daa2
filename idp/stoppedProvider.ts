// For the tests: the address of a provider that was stopped, where a port listened a moment ago and none does now.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function stoppedProviderIssuer(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
