import type { ProblemCode } from '@/machines/journeyTypes';
import { problemMessages } from '../messages';
import { useProblemRevision } from './problemRevision';

/** An error the user must notice: announced at once (role=alert) and tied to its field by id. */
export function Problem({ code, id }: { code: ProblemCode | null; id?: string }) {
  const revision = useProblemRevision();
  if (!code) return null;
  // A new element for each refusal: screen readers announce an alert when it appears, not when it stays.
  return (
    <p className="problem" role="alert" id={id} key={revision}>
      {problemMessages[code]}
    </p>
  );
}
