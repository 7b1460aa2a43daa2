import { AuthCard } from './ui/AuthCard';
import { Spinner } from './ui/Spinner';

/** checkingSession: the first thing every page load shows while the server answers. */
export function CheckingSession({ productName }: { productName: string }) {
  return (
    <AuthCard productName={productName}>
      <h1 className="step-heading">Opening {productName}</h1>
      <p className="busy" role="status">
        <Spinner /> Checking your session…
      </p>
    </AuthCard>
  );
}
