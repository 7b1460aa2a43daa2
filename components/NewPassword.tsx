import { type FormEvent, useRef } from 'react';
import {
  type JourneyEvent,
  NEW_PASSWORD_MAX_LENGTH,
  NEW_PASSWORD_MIN_LENGTH,
  type ProblemCode,
} from '@/machines/journeyTypes';
import { AuthCard } from './ui/AuthCard';
import { Problem } from './ui/Problem';
import { StepHeading } from './ui/StepHeading';
import { SubmitButton } from './ui/SubmitButton';
import { useFocusOnProblem } from './ui/useFocusOnProblem';

/**
 * signedOut.newPassword, and signedOut.resettingPassword (busy). Two fields, pasting allowed (a password
 * manager's), no rule on which characters (ASVS 5.0 V6.2); the machine and the server judge what was typed.
 */
export function NewPassword({
  productName,
  problem,
  busy,
  send,
}: {
  productName: string;
  problem: ProblemCode | null;
  busy: boolean;
  send: (event: JourneyEvent) => void;
}) {
  const newField = useRef<HTMLInputElement>(null);
  const confirmField = useRef<HTMLInputElement>(null);
  useFocusOnProblem(newField, problem === 'passwordsDiffer' ? null : problem);
  useFocusOnProblem(confirmField, problem === 'passwordsDiffer' ? problem : null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = new FormData(event.currentTarget);
    send({
      type: 'SUBMIT_NEW_PASSWORD',
      password: String(form.get('new-password') ?? ''),
      confirmation: String(form.get('confirm-password') ?? ''),
    });
  }
  const problemId = 'new-password-problem';
  return (
    <AuthCard productName={productName}>
      <StepHeading>Choose a new password</StepHeading>
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <label htmlFor="new-password">New password</label>
        <input
          ref={newField}
          id="new-password"
          name="new-password"
          type="password"
          autoComplete="new-password"
          maxLength={NEW_PASSWORD_MAX_LENGTH}
          readOnly={busy}
          aria-invalid={problem && problem !== 'passwordsDiffer' ? true : undefined}
          aria-describedby={problem ? `${problemId} new-password-hint` : 'new-password-hint'}
        />
        <p className="hint" id="new-password-hint">
          At least {NEW_PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong password that is
          easy to remember.
        </p>
        <label htmlFor="confirm-password">Confirm new password</label>
        <input
          ref={confirmField}
          id="confirm-password"
          name="confirm-password"
          type="password"
          autoComplete="new-password"
          maxLength={NEW_PASSWORD_MAX_LENGTH}
          readOnly={busy}
          aria-invalid={problem === 'passwordsDiffer' ? true : undefined}
          aria-describedby={problem === 'passwordsDiffer' ? problemId : undefined}
        />
        <Problem code={problem} id={problemId} />
        <div className="actions">
          <SubmitButton label="Change password" busy={busy} busyLabel="Changing your password…" />
        </div>
      </form>
    </AuthCard>
  );
}
