import type { JourneyEvent } from '@/machines/journeyTypes';
import { resetRequestedMessage } from './messages';
import { AuthCard } from './ui/AuthCard';
import { StepHeading } from './ui/StepHeading';

/** signedOut.resetRequested: the same words whether or not the email is known. */
export function ResetRequested({
  productName,
  send,
}: {
  productName: string;
  send: (event: JourneyEvent) => void;
}) {
  return (
    <AuthCard productName={productName}>
      <StepHeading>Check your email</StepHeading>
      <p className="notice" role="status">
        {resetRequestedMessage}
      </p>
      <button type="button" className="secondary" onClick={() => send({ type: 'BACK' })}>
        Back to sign in
      </button>
    </AuthCard>
  );
}
