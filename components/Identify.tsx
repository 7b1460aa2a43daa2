import type { FormStepProps } from './stepProps';
import { AuthCard } from './ui/AuthCard';
import { SingleFieldForm } from './ui/SingleFieldForm';
import { StepHeading } from './ui/StepHeading';

/** signedOut.identify, and signedOut.identifying (busy). */
export function Identify({ productName, email, problem, busy, send }: FormStepProps) {
  return (
    <AuthCard productName={productName}>
      <StepHeading>Sign in</StepHeading>
      <SingleFieldForm
        field={{
          id: 'email',
          label: 'Email or User Principal Name',
          type: 'email',
          autoComplete: 'username',
          autoCapitalize: 'none',
          spellCheck: false,
          defaultValue: email,
        }}
        hint="Azure users: your User Principal Name, such as name@company.onmicrosoft.com."
        problem={problem}
        busy={busy}
        busyLabel="Checking…"
        onSubmit={(value) => send({ type: 'SUBMIT_EMAIL', email: value })}
        onBack={() => send({ type: 'BACK' })}
      />
    </AuthCard>
  );
}
