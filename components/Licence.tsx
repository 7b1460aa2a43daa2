import { useRef } from 'react';
import type { JourneyEvent, ProblemCode } from '@/machines/journeyTypes';
import { AuthCard } from './ui/AuthCard';
import { Problem } from './ui/Problem';
import { Spinner } from './ui/Spinner';
import { StepHeading } from './ui/StepHeading';
import { useFocusOnProblem } from './ui/useFocusOnProblem';

/** signedIn.licence (box checked or not), signedIn.acceptingLicence, and signing out after a decline. */
export function Licence({
  productName,
  licenceVersion,
  checked,
  busy,
  problem,
  send,
}: {
  productName: string;
  licenceVersion: string;
  checked: boolean;
  busy: 'accepting' | 'declining' | null;
  problem: ProblemCode | null;
  send: (event: JourneyEvent) => void;
}) {
  const boxRef = useRef<HTMLInputElement>(null);
  // After a failure the cursor goes back to the agreement's box, ready for another try.
  useFocusOnProblem(boxRef, problem);

  return (
    <AuthCard productName={productName}>
      <StepHeading>End User License Agreement</StepHeading>
      <section
        className="licence-text"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable to be read by keyboard.
        tabIndex={0}
        aria-label={`License agreement, version ${licenceVersion}`}
      >
        <p>
          This agreement is between you and the provider of {productName}. By accepting it you may use{' '}
          {productName} on this and your other devices to make and receive calls, send messages and join
          meetings for your organisation.
        </p>
        <p>
          You keep your sign-in details to yourself, use the service only as your organisation allows, and do
          not try to reach data that is not yours. Calls and messages are processed to deliver them and kept
          as your organisation's settings say.
        </p>
        <p>
          The service is provided as your organisation's contract describes. You accept this agreement once;
          it applies on every client you use, web or mobile. Version {licenceVersion}.
        </p>
      </section>
      <label className="check">
        <input
          ref={boxRef}
          type="checkbox"
          checked={checked}
          disabled={busy !== null}
          onChange={(event) =>
            send({ type: event.target.checked ? 'CHECK_LICENCE_BOX' : 'UNCHECK_LICENCE_BOX' })
          }
        />
        I accept the End User License Agreement
      </label>
      <Problem code={problem} />
      <p className="busy" role="status">
        {busy && (
          <>
            <Spinner /> {busy === 'accepting' ? 'Saving your acceptance…' : 'Signing out…'}
          </>
        )}
      </p>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          onClick={() => send({ type: 'DECLINE_LICENCE' })}
          disabled={busy !== null}
        >
          Decline
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => send({ type: 'CONFIRM_LICENCE' })}
          disabled={!checked || busy !== null}
        >
          CONFIRM
        </button>
      </div>
    </AuthCard>
  );
}
