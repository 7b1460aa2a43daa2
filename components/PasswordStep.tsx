import { type FormEvent, useRef } from 'react';
import type { JourneyEvent, ProblemCode } from '@/machines/journeyTypes';
import { AuthCard } from './ui/AuthCard';
import { Problem } from './ui/Problem';
import { StepHeading } from './ui/StepHeading';
import { SubmitButton } from './ui/SubmitButton';
import { useFocusOnProblem } from './ui/useFocusOnProblem';

/** signedOut.password, and signedOut.signingIn (busy) while the server checks it. */
export function PasswordStep({
  productName,
  email,
  accountNumber,
  problem,
  busy,
  send,
}: {
  productName: string;
  email: string;
  accountNumber: string | null;
  problem: ProblemCode | null;
  busy: boolean;
  send: (event: JourneyEvent) => void;
}) {
  const passwordRef = useRef<HTMLInputElement>(null);
  useFocusOnProblem(passwordRef, problem);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    send({
      type: 'SUBMIT_PASSWORD',
      password: String(new FormData(event.currentTarget).get('password') ?? ''),
    });
  }
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
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <input type="text" name="username" value={email} autoComplete="username" readOnly hidden />
        <label htmlFor="password">Password</label>
        <input
          ref={passwordRef}
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          readOnly={busy}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'password-problem' : undefined}
        />
        <Problem code={problem} id="password-problem" />
        <div className="actions">
          <SubmitButton label="Next" busy={busy} busyLabel="Signing in…" />
        </div>
      </form>
    </AuthCard>
  );
}
