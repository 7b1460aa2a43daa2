// Debian's packages the project runs (chromium, postgresql, nginx), installed with apt-get when missing: as root
// on Linux only; anyone else is told what to install.
import { execFileSync } from 'node:child_process';

export const canInstallPackages = () => process.platform === 'linux' && process.getuid?.() === 0;

/** Installs `packages` (without their recommends) for `purpose`, or throws saying what to install by hand. */
export function installDebianPackages(packages: string[], purpose: string): void {
  if (!canInstallPackages())
    throw new Error(`Missing for ${purpose}: install Debian's ${packages.join(', ')} (apt-get install)`);
  console.log(`Installing Debian's ${packages.join(' and ')} for ${purpose}…`);
  const aptGet = (args: string[]) =>
    execFileSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  aptGet(['update', '-qq']);
  aptGet(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
}
