import { createContext, useContext } from 'react';

/**
 * Counts the journey's snapshots: an event refused with the same problem as before is a new snapshot, so the
 * problem is focused and announced again although its words did not change.
 */
export const ProblemRevision = createContext(0);

export const useProblemRevision = () => useContext(ProblemRevision);
