// Makes sure a Chromium exists for the end-to-end tests; installs Debian's package when running as root.
import { execFileSync } from 'node:child_process';
import { chromiumExecutable } from './browser';

const found = chromiumExecutable();
if (found !== null) {
  console.log(`Chromium for the tests: ${found ?? "Playwright's own"}`);
  process.exit(0);
}
if (process.platform !== 'linux' || process.getuid?.() !== 0) {
  console.error('No Chromium found. Run `npx playwright install chromium`, or install the chromium package.');
  process.exit(1);
}
console.log("No Chromium found: installing Debian's chromium package…");
const run = (args: string[]) =>
  execFileSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
run(['update', '-qq']);
run(['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
if (chromiumExecutable() === null) {
  console.error('Installing chromium did not give /usr/bin/chromium.');
  process.exit(1);
}
