import type { ProblemCode } from '@/machines/journeyTypes';
import { problemMessages } from '../messages';

/** An error the user must notice: announced at once (role=alert) and tied to its field by id. */
export function Problem({ code, id }: { code: ProblemCode | null; id?: string }) {
  if (!code) return null;
  return (
    <p className="problem" role="alert" id={id}>
      {problemMessages[code]}
    </p>
  );
}
