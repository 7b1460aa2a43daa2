import { useRef } from 'react';
import type { JourneyEvent, ProblemCode } from '@/machines/journeyTypes';
import { AuthCard } from './ui/AuthCard';
import { Problem } from './ui/Problem';
import { Spinner } from './ui/Spinner';
import { StepHeading } from './ui/StepHeading';
import { useFocusOnProblem } from './ui/useFocusOnProblem';

/** signedIn.permissions: why the app asks to notify, offered and while the browser's own prompt asks. */
export function Permissions({
  productName,
  asking,
  problem,
  send,
}: {
  productName: string;
  asking: boolean;
  problem: ProblemCode | null;
  send: (event: JourneyEvent) => void;
}) {
  const allowRef = useRef<HTMLButtonElement>(null);
  // After a failure the cursor is back on Allow, ready for another try (Not now is one Tab away).
  useFocusOnProblem(allowRef, problem);

  return (
    <AuthCard productName={productName}>
      <StepHeading>Know when someone calls</StepHeading>
      <p>
        {productName} can tell you at once about incoming calls and messages, even while its window is in the
        background. Your browser asks you to confirm, and you can change your answer later in its settings for
        this site.
      </p>
      <Problem code={problem} />
      <p className="busy" role="status">
        {asking && (
          <>
            <Spinner /> Waiting for your browser…
          </>
        )}
      </p>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          onClick={() => send({ type: 'SKIP_NOTIFICATIONS' })}
          disabled={asking}
        >
          Not now
        </button>
        <button
          ref={allowRef}
          type="button"
          className="primary"
          onClick={() => send({ type: 'ALLOW_NOTIFICATIONS' })}
          disabled={asking}
        >
          Allow notifications
        </button>
      </div>
    </AuthCard>
  );
}
