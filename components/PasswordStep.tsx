import { type FormEvent, useRef } from 'react';
import type { JourneyEvent, ProblemCode } from '@/machines/journeyTypes';
import { AuthCard } from './ui/AuthCard';
import { Problem } from './ui/Problem';
import { Spinner } from './ui/Spinner';
import { StepHeading } from './ui/StepHeading';
import { useFocusOnProblem } from './ui/useFocusOnProblem';

/** signedOut.password, and signedOut.signingIn (busy) while the server checks it. */
export function PasswordStep({
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
        <span className="who-email" title={email}>
          {email}
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
        <p className="visually-hidden" role="status">
          {busy ? 'Signing in…' : ''}
        </p>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? (
              <>
                <Spinner /> Signing in…
              </>
            ) : (
              'Next'
            )}
          </button>
        </div>
      </form>
    </AuthCard>
  );
}
