import type { JourneyEvent, ProblemCode } from '@/machines/journeyTypes';

/** What every signed-out form step is given by the journey's one switch. */
export type FormStepProps = {
  productName: string;
  email: string;
  problem: ProblemCode | null;
  busy: boolean;
  send: (event: JourneyEvent) => void;
};
