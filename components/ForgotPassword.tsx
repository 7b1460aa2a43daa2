import type { FormStepProps } from './stepProps';
import { AuthCard } from './ui/AuthCard';
import { SingleFieldForm } from './ui/SingleFieldForm';
import { StepHeading } from './ui/StepHeading';

/** signedOut.forgotPassword, and signedOut.requestingReset (busy). */
export function ForgotPassword({ productName, email, problem, busy, send }: FormStepProps) {
  return (
    <AuthCard productName={productName}>
      <StepHeading>Reset your password</StepHeading>
      <p className="lead">
        Enter the email of your account: we will send you a link to choose a new password.
      </p>
      <SingleFieldForm
        field={{
          id: 'reset-email',
          label: 'Email',
          type: 'email',
          autoComplete: 'username',
          autoCapitalize: 'none',
          spellCheck: false,
          defaultValue: email,
        }}
        problem={problem}
        busy={busy}
        busyLabel="Sending…"
        submitLabel="Send reset link"
        onSubmit={(value) => send({ type: 'SUBMIT_RESET_REQUEST', email: value })}
        onBack={() => send({ type: 'BACK' })}
      />
    </AuthCard>
  );
}
