'use client';
import { useMachine } from '@xstate/react';
import { useEffect, useMemo, useRef } from 'react';
import { initialJourneyContext, journeyMachine } from '@/machines/journey';
import { providerReplyFrom } from '@/machines/journeyTypes';
import { AccountNumberStep } from './AccountNumberStep';
import { CheckingSession } from './CheckingSession';
import { Home } from './Home';
import { Identify } from './Identify';
import { journeyActors } from './journeyActors';
import { Licence } from './Licence';
import { LockedOut } from './LockedOut';
import { MethodStep } from './MethodStep';
import { SessionCheckFailed } from './SessionCheckFailed';
import { SsoFailed } from './SsoFailed';
import { SsoProgress } from './SsoProgress';
import { leaveForProvider, takeKeptTrip } from './ssoTrip';
import { Welcome } from './Welcome';

// Tabs of this browser tell each other that it signed out.
const SIGN_OUT_CHANNEL = 'relay-sign-out';

/** Back from the identity provider, the journey carries on from the state it left in. */
const backFromProvider = () =>
  journeyMachine.resolveState({ value: { signedOut: 'atProvider' }, context: initialJourneyContext });

/** Runs the journey's statechart and shows the screen of the state it is in: one switch, no flow of its own. */
export function SignInJourney({
  productName,
  licenceVersion,
  providerQuery,
}: {
  productName: string;
  licenceVersion: string;
  /** On the SSO callback page: the query the identity provider sent the browser back with. */
  providerQuery?: string;
}) {
  // One channel per tab: a channel never hears its own messages, so a tab is not told of its own logout.
  const channel = useRef<BroadcastChannel | null>(null);
  const browserJourney = useMemo(
    () =>
      journeyMachine.provide({
        actors: journeyActors({ licenceVersion }),
        actions: {
          announceSignOut: () => channel.current?.postMessage('signedOut'),
          goToProvider: (_, { url, resume }) => leaveForProvider(url, resume),
        },
      }),
    [licenceVersion],
  );
  const [state, send, actor] = useMachine(
    browserJourney,
    providerQuery === undefined ? undefined : { snapshot: backFromProvider() },
  );
  const { email, accountNumber, methods, problem, notice, session } = state.context;

  // Once: hand the provider's answer to the journey, and take the code out of the address bar and history.
  const returned = useRef(false);
  useEffect(() => {
    if (providerQuery === undefined || returned.current) return;
    returned.current = true;
    window.history.replaceState(null, '', '/');
    actor.send({
      type: 'PROVIDER_RETURNED',
      reply: providerReplyFrom(providerQuery),
      resumed: takeKeptTrip(),
    });
  }, [actor, providerQuery]);

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
  if (
    (at({ signedOut: 'method' }) || at({ signedOut: 'signingIn' }) || at({ signedOut: 'startingSso' })) &&
    methods
  ) {
    return (
      <MethodStep
        {...card}
        email={email}
        accountNumber={accountNumber}
        methods={methods}
        busy={at({ signedOut: 'signingIn' })}
        startingSso={at({ signedOut: 'startingSso' })}
      />
    );
  }
  if (at({ signedOut: 'atProvider' })) {
    return <SsoProgress productName={productName} status="Connecting to your identity provider…" />;
  }
  if (at({ signedOut: 'completingSso' })) {
    return <SsoProgress productName={productName} status="Signing you in…" />;
  }
  if (at({ signedOut: 'ssoFailed' })) {
    return <SsoFailed {...card} canRetry={state.can({ type: 'RETRY' })} />;
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
