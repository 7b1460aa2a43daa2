import { type RefObject, useEffect } from 'react';
import type { ProblemCode } from '@/machines/journeyTypes';

/**
 * When a step reports a problem, focus goes back to what the user tries again with: the field (its text
 * selected), or the button where there is no field.
 */
export function useFocusOnProblem(
  target: RefObject<HTMLInputElement | HTMLButtonElement | null>,
  problem: ProblemCode | null,
) {
  useEffect(() => {
    const element = target.current;
    if (!problem || !element) return;
    element.focus();
    if (element instanceof HTMLInputElement) element.select();
  }, [target, problem]);
}
