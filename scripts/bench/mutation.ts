// The mutation score of the last `npm run mutate` (StrykerJS's JSON report): not measured here, read back.
import { readFileSync, statSync } from 'node:fs';

type Report = { files: Record<string, { mutants: Array<{ status: string }> }> };

export const MUTATION_REPORT = 'reports/mutation/mutation.json';

/** Killed and timed-out mutants over every mutant the tests could have caught (Stryker's own score), or null. */
export function lastMutationScore(file = MUTATION_REPORT) {
  let report: Report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  } catch {
    return null;
  }
  const counts: Record<string, number> = {};
  for (const { mutants } of Object.values(report.files))
    for (const { status } of mutants) counts[status] = (counts[status] ?? 0) + 1;
  const caught = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = caught + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  return {
    score: valid === 0 ? 0 : (caught / valid) * 100,
    counts,
    at: statSync(file).mtime,
  };
}
