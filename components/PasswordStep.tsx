import type { FormStepProps } from './stepProps';
import { AuthCard } from './ui/AuthCard';
import { SingleFieldForm } from './ui/SingleFieldForm';
import { StepHeading } from './ui/StepHeading';

/** signedOut.password, and signedOut.signingIn (busy) while the server checks it. */
export function PasswordStep({
  productName,
  email,
  accountNumber,
  problem,
  busy,
  send,
}: FormStepProps & { accountNumber: string | null }) {
  return (
    <AuthCard productName={productName}>
      <StepHeading>Enter your password</StepHeading>
      <div className="who">
        <span className="who-text">
          <span className="who-email" title={email}>
            {email}
          </span>
          {accountNumber && <span className="who-account">Account {accountNumber}</span>}
        </span>
        <button type="button" className="link" onClick={() => send({ type: 'CHANGE_EMAIL' })} disabled={busy}>
          Change
        </button>
      </div>
      <SingleFieldForm
        field={{ id: 'password', label: 'Password', type: 'password', autoComplete: 'current-password' }}
        before={<input type="text" name="username" value={email} autoComplete="username" readOnly hidden />}
        problem={problem}
        busy={busy}
        busyLabel="Signing in…"
        onSubmit={(value) => send({ type: 'SUBMIT_PASSWORD', password: value })}
      />
    </AuthCard>
  );
}
