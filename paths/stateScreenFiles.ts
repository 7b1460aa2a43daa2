// Where a QA run keeps the latest screen of each state (and of each variant with a problem or a notice), and how
// each file is named: the generated paths write them (e2e/walkPath.ts), the statechart page reads them
// (server/stateScreens.ts). Outside DATA_DIR on purpose: the QA run's server has data of its own, and the demo's
// page must still find the screens.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const stateScreensDir = () =>
  path.resolve(
    /* turbopackIgnore: true */ process.cwd(),
    process.env.STATE_SCREENS_DIR ?? path.join('.data', 'screens'),
  );

/** A state id, then its problem and notice where it has either: "journey.signedOut.identify~emailFormat~.jpg". */
export const stateScreenFilePattern = /^([a-zA-Z][\w.]*)(?:~(\w*)~(\w*))?\.jpg$/;

export function stateScreenFile(stateId: string, problem: string | null, notice: string | null): string {
  return problem || notice ? `${stateId}~${problem ?? ''}~${notice ?? ''}.jpg` : `${stateId}.jpg`;
}

/** Keeps a screen as the latest of its state, whole or not at all (a page never reads half a file). */
export function keepStateScreen(
  stateId: string,
  problem: string | null,
  notice: string | null,
  jpeg: Buffer,
) {
  const dir = stateScreensDir();
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, stateScreenFile(stateId, problem, notice));
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, jpeg);
  renameSync(partial, file);
}
