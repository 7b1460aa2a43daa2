// Where a QA run keeps the latest screen of each state (and of each variant with a problem or a notice), and how
// each file is named: the generated paths write them (e2e/walkPath.ts), the statechart page reads them
// (server/stateScreens.ts). Not in the QA run's own data folder (DATA_DIR=.data/e2e), which each run wipes: the
// demo's page must still find the screens.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const stateScreensDir = () =>
  path.resolve(
    /* turbopackIgnore: true */ process.cwd(),
    process.env.STATE_SCREENS_DIR ?? path.join('.data', 'screens'),
  );

/** A state id, then its problem and notice where it has either: "journey.signedOut.identify~invalidEmail~.jpg". */
export const stateScreenFilePattern = /^([a-zA-Z][\w.]*)(?:~(\w*)~(\w*))?\.jpg$/;

export function stateScreenFile(stateId: string, problem: string | null, notice: string | null): string {
  return problem || notice ? `${stateId}~${problem ?? ''}~${notice ?? ''}.jpg` : `${stateId}.jpg`;
}

/** A state's screen from the latest QA run that reached it, as the statechart page lists it. */
export type StateScreen = {
  /** The file's name, which is also how the page asks for it. */
  file: string;
  stateId: string;
  problem: string | null;
  notice: string | null;
  /** When the QA run took it (ISO 8601). */
  takenAt: string;
};

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
