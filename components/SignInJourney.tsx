'use client';
import { useMachine } from '@xstate/react';
import { useEffect, useMemo, useRef } from 'react';
import { journeyMachine } from '@/machines/journey';
import { AccountNumberStep } from './AccountNumberStep';
import { CheckingSession } from './CheckingSession';
import { Home } from './Home';
import { Identify } from './Identify';
import { journeyActors } from './journeyActors';
import { Licence } from './Licence';
import { LockedOut } from './LockedOut';
import { PasswordStep } from './PasswordStep';
import { SessionCheckFailed } from './SessionCheckFailed';
import { Welcome } from './Welcome';

// Tabs of this browser tell each other that it signed out.
const SIGN_OUT_CHANNEL = 'relay-sign-out';

/** Runs the journey's statechart and shows the screen of the state it is in: one switch, no flow of its own. */
export function SignInJourney({
  productName,
  licenceVersion,
}: {
  productName: string;
  licenceVersion: string;
}) {
  // One channel per tab: a channel never hears its own messages, so a tab is not told of its own logout.
  const channel = useRef<BroadcastChannel | null>(null);
  const browserJourney = useMemo(
    () =>
      journeyMachine.provide({
        actors: journeyActors({ licenceVersion }),
        actions: { announceSignOut: () => channel.current?.postMessage('signedOut') },
      }),
    [licenceVersion],
  );
  const [state, send, actor] = useMachine(browserJourney);
  const { email, accountNumber, problem, notice, session } = state.context;

  useEffect(() => {
    const tabs = new BroadcastChannel(SIGN_OUT_CHANNEL);
    tabs.onmessage = () => actor.send({ type: 'SIGNED_OUT_ELSEWHERE' });
    channel.current = tabs;
    return () => tabs.close();
  }, [actor]);

  const at = (value: Parameters<typeof state.matches>[0]) => state.matches(value);
  const card = { productName, problem, send };

  if (at('sessionCheckFailed')) return <SessionCheckFailed {...card} />;
  if (at({ signedOut: 'welcome' })) return <Welcome productName={productName} notice={notice} send={send} />;
  if (at({ signedOut: 'identify' }) || at({ signedOut: 'identifying' })) {
    return <Identify {...card} email={email} busy={at({ signedOut: 'identifying' })} />;
  }
  if (at({ signedOut: 'accountNumber' }) || at({ signedOut: 'checkingAccountNumber' })) {
    return <AccountNumberStep {...card} email={email} busy={at({ signedOut: 'checkingAccountNumber' })} />;
  }
  if (at({ signedOut: 'lockedOut' })) {
    return <LockedOut productName={productName} email={email} retryAt={state.context.retryAt} send={send} />;
  }
  if (at({ signedOut: 'password' }) || at({ signedOut: 'signingIn' })) {
    return (
      <PasswordStep
        {...card}
        email={email}
        accountNumber={accountNumber}
        busy={at({ signedOut: 'signingIn' })}
      />
    );
  }
  if (at('signedIn') && session) {
    const signingOut = at({ signedIn: 'signingOut' });
    if (
      at({ signedIn: 'licence' }) ||
      at({ signedIn: 'acceptingLicence' }) ||
      (signingOut && !session.licenceAccepted)
    ) {
      return (
        <Licence
          {...card}
          licenceVersion={licenceVersion}
          checked={at({ signedIn: { licence: 'checked' } }) || at({ signedIn: 'acceptingLicence' })}
          busy={at({ signedIn: 'acceptingLicence' }) ? 'accepting' : signingOut ? 'declining' : null}
        />
      );
    }
    return (
      <Home
        {...card}
        session={session}
        menuOpen={at({ signedIn: { home: 'menuOpen' } })}
        signingOut={signingOut}
      />
    );
  }
  return <CheckingSession productName={productName} />;
}
