import { createContext, useContext } from 'react';

/**
 * How many problems the journey has shown (its context's `problemsShown`): an event refused with the same problem
 * as before is a new problem, focused and announced again although its words did not change.
 */
export const ProblemRevision = createContext(0);

export const useProblemRevision = () => useContext(ProblemRevision);
