import 'server-only';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type StateScreen, stateScreenFilePattern, stateScreensDir } from '@/paths/stateScreenFiles';

/** Every screen kept, the newest run's of each; none before the first QA run. */
export function stateScreens(): StateScreen[] {
  const dir = stateScreensDir();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((file) => {
    const match = stateScreenFilePattern.exec(file);
    if (!match) return [];
    const [, stateId, problem, notice] = match as unknown as [string, string, string?, string?];
    let takenAt: string;
    try {
      takenAt = statSync(path.join(dir, file)).mtime.toISOString();
    } catch {
      return []; // removed between the listing and now
    }
    return [{ file, stateId, problem: problem || null, notice: notice || null, takenAt }];
  });
}

/** The screen of that name, or null for any other name (nothing outside the folder is ever read). */
export function readStateScreen(file: string): Buffer | null {
  if (!stateScreenFilePattern.test(file)) return null;
  try {
    return readFileSync(path.join(stateScreensDir(), file));
  } catch {
    return null;
  }
}
