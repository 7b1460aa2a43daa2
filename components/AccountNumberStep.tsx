import type { FormStepProps } from './stepProps';
import { AuthCard } from './ui/AuthCard';
import { SingleFieldForm } from './ui/SingleFieldForm';
import { StepHeading } from './ui/StepHeading';

/** signedOut.accountNumber, and signedOut.checkingAccountNumber (busy). */
export function AccountNumberStep({ productName, email, problem, busy, send }: FormStepProps) {
  return (
    <AuthCard productName={productName}>
      <StepHeading>Which account?</StepHeading>
      <p className="lead">
        <span className="who-email">{email}</span> is in more than one account. Enter the account number from
        your welcome email.
      </p>
      <SingleFieldForm
        field={{
          id: 'accountNumber',
          label: 'Account number',
          type: 'text',
          inputMode: 'numeric',
          autoComplete: 'off',
        }}
        problem={problem}
        busy={busy}
        busyLabel="Checking…"
        onSubmit={(value) => send({ type: 'SUBMIT_ACCOUNT_NUMBER', accountNumber: value })}
        onBack={() => send({ type: 'BACK' })}
      />
    </AuthCard>
  );
}
