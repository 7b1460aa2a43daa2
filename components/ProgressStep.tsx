import { AuthCard } from './ui/AuthCard';
import { Spinner } from './ui/Spinner';
import { StepHeading } from './ui/StepHeading';

/**
 * A step that only waits, with nothing to do but read what is happening: signedOut.atProvider (on the way to
 * the identity provider or just back), completingSso, and checkingResetLink.
 */
export function ProgressStep({
  productName,
  heading,
  status,
}: {
  productName: string;
  heading: string;
  status: string;
}) {
  return (
    <AuthCard productName={productName}>
      <StepHeading>{heading}</StepHeading>
      <p className="busy" role="status">
        <Spinner /> {status}
      </p>
    </AuthCard>
  );
}
