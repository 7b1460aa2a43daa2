import { type FormEvent, useRef } from 'react';
import type { JourneyEvent, ProblemCode } from '@/machines/journeyTypes';
import { AuthCard } from './ui/AuthCard';
import { Problem } from './ui/Problem';
import { StepHeading } from './ui/StepHeading';
import { SubmitButton } from './ui/SubmitButton';
import { useFocusOnProblem } from './ui/useFocusOnProblem';

/** signedOut.identify, and signedOut.identifying (busy): the machine checks the format, not this form. */
export function Identify({
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
  const emailRef = useRef<HTMLInputElement>(null);
  useFocusOnProblem(emailRef, problem);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    send({ type: 'SUBMIT_EMAIL', email: String(new FormData(event.currentTarget).get('email') ?? '') });
  }
  return (
    <AuthCard productName={productName}>
      <StepHeading>Sign in</StepHeading>
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <label htmlFor="email">Email or User Principal Name</label>
        <input
          ref={emailRef}
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          defaultValue={email}
          readOnly={busy}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'email-problem' : 'email-hint'}
        />
        <p className="hint" id="email-hint">
          Azure users: your User Principal Name, such as name@company.onmicrosoft.com.
        </p>
        <Problem code={problem} id="email-problem" />
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
