import { type RefObject, useEffect } from 'react';
import type { ProblemCode } from '@/machines/journeyTypes';

/** When a step reports a problem with a field, the cursor goes back to that field, ready for another try. */
export function useFocusOnProblem(field: RefObject<HTMLInputElement | null>, problem: ProblemCode | null) {
  useEffect(() => {
    if (problem && field.current) {
      field.current.focus();
      field.current.select();
    }
  }, [field, problem]);
}
