import type { JourneyEvent } from '@/machines/journeyTypes';
import { AuthCard } from './ui/AuthCard';
import { StepHeading } from './ui/StepHeading';

/** The time to try again, in the user's own clock and language. */
function timeOf(retryAt: string | null): string {
  if (!retryAt) return 'a few minutes';
  return new Date(retryAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** signedOut.lockedOut */
export function LockedOut({
  productName,
  email,
  retryAt,
  send,
}: {
  productName: string;
  email: string;
  retryAt: string | null;
  send: (event: JourneyEvent) => void;
}) {
  return (
    <AuthCard productName={productName}>
      <StepHeading>Signing in is paused</StepHeading>
      <p className="lead">
        There were too many failed sign-ins for <span className="who-email">{email}</span>. For your security,
        try again after <time dateTime={retryAt ?? undefined}>{timeOf(retryAt)}</time>.
      </p>
      <button type="button" className="primary" onClick={() => send({ type: 'RETRY' })}>
        Try again
      </button>
    </AuthCard>
  );
}
