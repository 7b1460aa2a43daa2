import { type FormEvent, useRef } from 'react';
import type { JourneyEvent, ProblemCode } from '@/machines/journeyTypes';
import { AuthCard } from './ui/AuthCard';
import { Problem } from './ui/Problem';
import { StepHeading } from './ui/StepHeading';
import { SubmitButton } from './ui/SubmitButton';
import { useFocusOnProblem } from './ui/useFocusOnProblem';

/** signedOut.accountNumber, and signedOut.checkingAccountNumber (busy). */
export function AccountNumberStep({
  productName,
  email,
  problem,
  busy,
  send,
}: {
  productName: string;
  email: string;
  problem: ProblemCode | null;
  busy: boolean;
  send: (event: JourneyEvent) => void;
}) {
  const numberRef = useRef<HTMLInputElement>(null);
  useFocusOnProblem(numberRef, problem);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const accountNumber = String(new FormData(event.currentTarget).get('accountNumber') ?? '');
    send({ type: 'SUBMIT_ACCOUNT_NUMBER', accountNumber });
  }
  return (
    <AuthCard productName={productName}>
      <StepHeading>Which account?</StepHeading>
      <p className="lead">
        <span className="who-email">{email}</span> is in more than one account. Enter the account number from
        your welcome email.
      </p>
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <label htmlFor="accountNumber">Account number</label>
        <input
          ref={numberRef}
          id="accountNumber"
          name="accountNumber"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          readOnly={busy}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'account-number-problem' : undefined}
        />
        <Problem code={problem} id="account-number-problem" />
        <div className="actions">
          <button type="button" className="secondary" onClick={() => send({ type: 'BACK' })} disabled={busy}>
            Back
          </button>
          <SubmitButton label="Next" busy={busy} busyLabel="Checking…" />
        </div>
      </form>
    </AuthCard>
  );
}
