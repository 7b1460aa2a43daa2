import type { JourneyEvent, ProblemCode } from '@/machines/journeyTypes';
import { AuthCard } from './ui/AuthCard';
import { Problem } from './ui/Problem';
import { StepHeading } from './ui/StepHeading';

/** sessionCheckFailed: the server did not answer on load; nothing is lost by trying again. */
export function SessionCheckFailed({
  productName,
  problem,
  send,
}: {
  productName: string;
  problem: ProblemCode | null;
  send: (event: JourneyEvent) => void;
}) {
  return (
    <AuthCard productName={productName}>
      <StepHeading>Can’t open {productName}</StepHeading>
      <Problem code={problem} />
      <button type="button" className="primary" onClick={() => send({ type: 'RETRY' })}>
        Try again
      </button>
    </AuthCard>
  );
}
