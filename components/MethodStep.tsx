import { useRef } from 'react';
import type { SignInMethods } from '@/machines/journeyTypes';
import { methodHeadingFor } from './messages';
import type { FormStepProps } from './stepProps';
import { AuthCard } from './ui/AuthCard';
import { Problem } from './ui/Problem';
import { SingleFieldForm } from './ui/SingleFieldForm';
import { Spinner } from './ui/Spinner';
import { StepHeading } from './ui/StepHeading';
import { useFocusOnProblem } from './ui/useFocusOnProblem';

/**
 * signedOut.method: who is signing in (with Change), then what their account offers: Single Sign On, the
 * password, or both. Busy while the server checks the password (signingIn) or prepares the trip (startingSso).
 */
export function MethodStep({
  productName,
  email,
  accountNumber,
  methods,
  problem,
  busy,
  startingSso,
  send,
}: FormStepProps & { accountNumber: string | null; methods: SignInMethods; startingSso: boolean }) {
  const working = busy || startingSso;
  const ssoButton = useRef<HTMLButtonElement>(null);
  // Without a password field, a problem sends focus back to the one way on: the SSO button.
  useFocusOnProblem(ssoButton, methods.password ? null : problem);
  return (
    <AuthCard productName={productName}>
      <StepHeading>{methodHeadingFor(methods)}</StepHeading>
      <div className="who">
        <span className="who-text">
          <span className="who-email" title={email}>
            {email}
          </span>
          {accountNumber && <span className="who-account">Account {accountNumber}</span>}
        </span>
        <button
          type="button"
          className="link"
          onClick={() => send({ type: 'CHANGE_EMAIL' })}
          disabled={working}
        >
          Change
        </button>
      </div>
      {methods.sso && (
        <div className="sso">
          <p className="visually-hidden" role="status">
            {startingSso ? 'Connecting to your identity provider…' : ''}
          </p>
          <button
            ref={ssoButton}
            type="button"
            className={methods.password ? 'secondary wide' : 'primary wide'}
            onClick={() => send({ type: 'START_SSO' })}
            disabled={working}
          >
            {startingSso ? (
              <>
                <Spinner /> Connecting…
              </>
            ) : (
              'Single Sign On'
            )}
          </button>
          {!methods.password && <Problem code={problem} />}
        </div>
      )}
      {methods.sso && methods.password && <p className="divider">or use your password</p>}
      {methods.password && (
        <SingleFieldForm
          field={{ id: 'password', label: 'Password', type: 'password', autoComplete: 'current-password' }}
          before={<input type="text" name="username" value={email} autoComplete="username" readOnly hidden />}
          problem={problem}
          busy={busy}
          busyLabel="Signing in…"
          onSubmit={(value) => send({ type: 'SUBMIT_PASSWORD', password: value })}
        />
      )}
      {methods.password && (
        <button
          type="button"
          className="link forgot"
          onClick={() => send({ type: 'FORGOT_PASSWORD' })}
          disabled={working}
        >
          Forgot password?
        </button>
      )}
    </AuthCard>
  );
}
