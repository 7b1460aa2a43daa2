import type { JourneyEvent, ProblemCode } from '@/machines/journeyTypes';
import { AuthCard } from './ui/AuthCard';
import { Problem } from './ui/Problem';
import { StepHeading } from './ui/StepHeading';

/** signedOut.ssoFailed: SPEC's SSO error screen; Try again only when the journey knows whom to send back. */
export function SsoFailed({
  productName,
  problem,
  canRetry,
  send,
}: {
  productName: string;
  problem: ProblemCode | null;
  canRetry: boolean;
  send: (event: JourneyEvent) => void;
}) {
  return (
    <AuthCard productName={productName}>
      <StepHeading>Single Sign-On didn’t work</StepHeading>
      <Problem code={problem} />
      <div className="actions">
        <button type="button" className="secondary" onClick={() => send({ type: 'BACK' })}>
          Back to sign in
        </button>
        {canRetry && (
          <button type="button" className="primary" onClick={() => send({ type: 'RETRY' })}>
            Try again
          </button>
        )}
      </div>
    </AuthCard>
  );
}
