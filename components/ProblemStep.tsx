import type { JourneyEvent, ProblemCode } from '@/machines/journeyTypes';
import { AuthCard } from './ui/AuthCard';
import { Problem } from './ui/Problem';
import { StepHeading } from './ui/StepHeading';

/** A way on from a step that failed: its button's words and the event it sends. */
export type WayOn = { label: string; event: JourneyEvent };

/**
 * A step that says what went wrong and offers the ways on that the machine takes from it (the last one is the
 * main button): sessionCheckFailed, ssoFailed, passwordReset.resetLinkInvalid and resetLinkCheckFailed.
 */
export function ProblemStep({
  productName,
  heading,
  problem,
  waysOn,
  send,
}: {
  productName: string;
  heading: string;
  problem: ProblemCode | null;
  waysOn: WayOn[];
  send: (event: JourneyEvent) => void;
}) {
  return (
    <AuthCard productName={productName}>
      <StepHeading>{heading}</StepHeading>
      <Problem code={problem} />
      <div className="actions">
        {waysOn.map(({ label, event }, index) => (
          <button
            key={label}
            type="button"
            className={index === waysOn.length - 1 ? 'primary' : 'secondary'}
            onClick={() => send(event)}
          >
            {label}
          </button>
        ))}
      </div>
    </AuthCard>
  );
}
