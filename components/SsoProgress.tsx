import { AuthCard } from './ui/AuthCard';
import { Spinner } from './ui/Spinner';
import { StepHeading } from './ui/StepHeading';

/**
 * signedOut.atProvider (the browser is on its way to the identity provider, or just back from it) and
 * signedOut.completingSso (the server redeems what the provider sent back).
 */
export function SsoProgress({ productName, status }: { productName: string; status: string }) {
  return (
    <AuthCard productName={productName}>
      <StepHeading>Single Sign-On</StepHeading>
      <p className="busy" role="status">
        <Spinner /> {status}
      </p>
    </AuthCard>
  );
}
