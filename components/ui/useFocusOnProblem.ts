import { type RefObject, useEffect } from 'react';
import type { ProblemCode } from '@/machines/journeyTypes';
import { useProblemRevision } from './problemRevision';

/**
 * When a step reports a problem, focus goes back to what the user tries again with: the field (its text
 * selected), or the button where there is no field; again at each refusal, the same problem or not.
 */
export function useFocusOnProblem(
  target: RefObject<HTMLInputElement | HTMLButtonElement | null>,
  problem: ProblemCode | null,
) {
  const revision = useProblemRevision();
  // biome-ignore lint/correctness/useExhaustiveDependencies: each refusal (a new revision) focuses anew.
  useEffect(() => {
    const element = target.current;
    if (!problem || !element) return;
    element.focus();
    if (element instanceof HTMLInputElement && element.type !== 'checkbox') element.select();
  }, [target, problem, revision]);
}
