import { Spinner } from './Spinner';

/** A form's main button: while the server works it is disabled, and a live region says what is happening. */
export function SubmitButton({
  label,
  busy,
  busyLabel,
}: {
  label: string;
  busy: boolean;
  busyLabel: string;
}) {
  return (
    <>
      <p className="visually-hidden" role="status">
        {busy ? busyLabel : ''}
      </p>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? (
          <>
            <Spinner /> {busyLabel}
          </>
        ) : (
          label
        )}
      </button>
    </>
  );
}
