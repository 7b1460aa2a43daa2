import { type FormEvent, type InputHTMLAttributes, type ReactNode, useRef } from 'react';
import type { ProblemCode } from '@/machines/journeyTypes';
import { Problem } from './Problem';
import { SubmitButton } from './SubmitButton';
import { useFocusOnProblem } from './useFocusOnProblem';

type FieldProps = { id: string; label: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'>;

/**
 * The form of a sign-in step: one labelled field, its problem, Back (when there is one) and Next. It only hands
 * over what was typed: the machine decides whether it will do.
 */
export function SingleFieldForm({
  field: { id, label, ...input },
  problem,
  busy,
  busyLabel,
  submitLabel = 'Next',
  hint,
  before,
  onSubmit,
  onBack,
}: {
  field: FieldProps;
  problem: ProblemCode | null;
  busy: boolean;
  busyLabel: string;
  submitLabel?: string;
  hint?: ReactNode;
  /** Anything the form carries before its field (a hidden username for password managers). */
  before?: ReactNode;
  onSubmit: (value: string) => void;
  onBack?: () => void;
}) {
  const fieldRef = useRef<HTMLInputElement>(null);
  useFocusOnProblem(fieldRef, problem);
  const problemId = `${id}-problem`;
  const hintId = hint ? `${id}-hint` : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!busy) onSubmit(String(new FormData(event.currentTarget).get(id) ?? ''));
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
      {before}
      <label htmlFor={id}>{label}</label>
      <input
        ref={fieldRef}
        id={id}
        name={id}
        readOnly={busy}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? problemId : hintId}
        {...input}
      />
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <Problem code={problem} id={problemId} />
      <div className="actions">
        {onBack && (
          <button type="button" className="secondary" onClick={onBack} disabled={busy}>
            Back
          </button>
        )}
        <SubmitButton label={submitLabel} busy={busy} busyLabel={busyLabel} />
      </div>
    </form>
  );
}
