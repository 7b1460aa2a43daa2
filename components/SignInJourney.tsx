'use client';
import { useMachine } from '@xstate/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { JOURNEY_STATE_CHANNEL, type JourneyStateMessage, stateIdOf } from '@/machines/chart';
import { initialJourneyContext, journeyMachine } from '@/machines/journey';
import { providerReplyFrom } from '@/machines/journeyTypes';
import { AccountNumberStep } from './AccountNumberStep';
import { CheckingSession } from './CheckingSession';
import { ForgotPassword } from './ForgotPassword';
import { Home } from './Home';
import { Identify } from './Identify';
import { journeyActors } from './journeyActors';
import { useJourneyTraffic } from './journeyTraffic';
import { Licence } from './Licence';
import { LockedOut } from './LockedOut';
import { MethodStep } from './MethodStep';
import { NewPassword } from './NewPassword';
import { keepNotificationChoice, keptNotificationChoice } from './notificationChoice';
import { Permissions } from './Permissions';
import { ProblemStep, type WayOn } from './ProblemStep';
import { ProgressStep } from './ProgressStep';
import { ResetRequested } from './ResetRequested';
import { leaveForProvider, leaveToSignOutAtProvider, signOutReturn, takeKeptTrip } from './ssoTrip';
import { keepPushSubscription, notifySystem } from './systemNotification';
import { ProblemRevision } from './ui/problemRevision';
import { useLiveChannel } from './useLiveChannel';
import { Welcome } from './Welcome';

// Tabs of this browser tell each other that it signed out.
const SIGN_OUT_CHANNEL = 'relay-sign-out';

/** What the journey knows as this page opens: nothing yet of anyone, and what this browser kept. */
const openingContext = () => ({ ...initialJourneyContext, notifications: keptNotificationChoice() });

/**
 * Where the journey stands as this page opens: back from the identity provider (signing in, or signing out), it
 * carries on from the state it left in; opened from a reset mail, it starts as the app opens but asks nothing of
 * the session yet; else it starts afresh.
 */
function openingSnapshot({ providerQuery, providerSignOutQuery, resetToken }: DeepLinks) {
  const at = (value: Parameters<typeof journeyMachine.resolveState>[0]['value']) =>
    journeyMachine.resolveState({ value, context: openingContext() });
  if (providerQuery !== undefined) return at({ signedOut: 'atProvider' });
  if (providerSignOutQuery !== undefined) return at('signingOutAtProvider');
  if (resetToken !== undefined) return at('checkingSession');
  return undefined;
}

/** The pages that open the journey somewhere other than its start, and what they were opened with. */
type DeepLinks = {
  /** On the SSO callback page: the query the identity provider sent the browser back with. */
  providerQuery?: string;
  /** On the page the provider sends the browser back to once it signed the user out: its query. */
  providerSignOutQuery?: string;
  /** On the reset page: the token of the link in the mail ('' when the link carried none). */
  resetToken?: string;
};

/** Runs the journey's statechart and shows the screen of the state it is in: one switch, no flow of its own. */
export function SignInJourney({
  productName,
  licenceVersion,
  providerQuery,
  providerSignOutQuery,
  resetToken,
}: { productName: string; licenceVersion: string } & DeepLinks) {
  // One channel per tab: a channel never hears its own messages, so a tab is not told of its own logout.
  const channel = useRef<BroadcastChannel | null>(null);
  const browserJourney = useMemo(
    () =>
      journeyMachine.provide({
        actors: journeyActors({ licenceVersion }),
        actions: {
          announceSignOut: () => channel.current?.postMessage('signedOut'),
          keepNotificationChoice: (_, { choice }) => keepNotificationChoice(choice),
          goToProvider: (_, { url, resume }) => leaveForProvider(url, resume),
          goToProviderSignOut: (_, { url, trip }) => leaveToSignOutAtProvider(url, trip),
          notifySystem: (_, { delivery }) => notifySystem(delivery),
        },
      }),
    [licenceVersion],
  );
  const inspect = useJourneyTraffic();
  const options = { input: { notifications: keptNotificationChoice() }, inspect };
  // Where it opens is worked out once: the machine takes it as it starts, and never asks again.
  const [snapshot] = useState(() => openingSnapshot({ providerQuery, providerSignOutQuery, resetToken }));
  const [state, send, actor] = useMachine(browserJourney, snapshot ? { ...options, snapshot } : options);
  const { email, accountNumber, methods, problem, notice, session } = state.context;

  // Once: hand the provider's answer to the journey, and take the code out of the address bar and history.
  const deepLinkSent = useRef(false);
  useEffect(() => {
    if (deepLinkSent.current) return;
    if (providerQuery !== undefined) {
      actor.send({
        type: 'PROVIDER_RETURNED',
        reply: providerReplyFrom(providerQuery),
        resumed: takeKeptTrip(),
      });
    } else if (providerSignOutQuery !== undefined) {
      actor.send({ type: 'PROVIDER_SIGNED_OUT', ...signOutReturn(providerSignOutQuery) });
    } else if (resetToken !== undefined) {
      actor.send({ type: 'RESET_LINK_OPENED', token: resetToken });
    } else return;
    deepLinkSent.current = true;
    // The code, or the reset token, leaves the address bar and the history as soon as the journey has it.
    window.history.replaceState(null, '', '/');
  }, [actor, providerQuery, providerSignOutQuery, resetToken]);

  // The statechart page, open in another tab, follows the state this tab is in (and may ask for it).
  useEffect(() => {
    const chartPages = new BroadcastChannel(JOURNEY_STATE_CHANNEL);
    const tell = () =>
      chartPages.postMessage({
        type: 'state',
        stateId: stateIdOf(actor.getSnapshot()),
      } satisfies JourneyStateMessage);
    chartPages.onmessage = (message: MessageEvent<JourneyStateMessage>) => {
      if (message.data?.type === 'whereAreYou') tell();
    };
    tell();
    const subscription = actor.subscribe(tell);
    return () => {
      subscription.unsubscribe();
      chartPages.close();
    };
  }, [actor]);

  useEffect(() => {
    const tabs = new BroadcastChannel(SIGN_OUT_CHANNEL);
    tabs.onmessage = () => actor.send({ type: 'SIGNED_OUT_ELSEWHERE' });
    channel.current = tabs;
    return () => tabs.close();
  }, [actor]);

  // The screen of this state is on the page: said once React has committed it, for tools that wait on the
  // journey (the generated tests wait on it before they look, instead of polling every check).
  const stateId = stateIdOf(state);
  useEffect(() => {
    document.documentElement.dataset.journeyState = stateId;
  }, [stateId]);

  // Past the licence, the page hears what arrives for its user as it arrives; where the browser allowed
  // notifications, its service worker keeps a push subscription for this session, for when no page is open.
  const usesTheApp = session?.licenceAccepted === true;
  useLiveChannel(usesTheApp, session?.liveFrom, actor.send);
  const pushesTo = usesTheApp && state.context.notifications === 'granted' ? session.user.email : null;
  useEffect(() => {
    if (pushesTo) keepPushSubscription();
  }, [pushesTo]);

  const at = (value: Parameters<typeof state.matches>[0]) => state.matches(value);
  const card = { productName, problem, send };

  // The ways on from a failed step are the ones the machine takes from it there, in this order.
  const waysOn = (...candidates: WayOn[]) => candidates.filter((wayOn) => state.can(wayOn.event));
  const back: WayOn = { label: 'Back to sign in', event: { type: 'BACK' } };
  const retry: WayOn = { label: 'Try again', event: { type: 'RETRY' } };
  const newLink: WayOn = { label: 'Send a new link', event: { type: 'REQUEST_NEW_LINK' } };

  const screen = (() => {
    if (at('sessionCheckFailed')) {
      return <ProblemStep {...card} heading={`Can’t open ${productName}`} waysOn={waysOn(retry)} />;
    }
    if (at({ signedOut: 'welcome' }))
      return <Welcome productName={productName} notice={notice} send={send} />;
    if (at({ signedOut: 'identify' }) || at({ signedOut: 'identifying' })) {
      return <Identify {...card} email={email} busy={at({ signedOut: 'identifying' })} />;
    }
    if (at({ signedOut: 'accountNumber' }) || at({ signedOut: 'checkingAccountNumber' })) {
      return <AccountNumberStep {...card} email={email} busy={at({ signedOut: 'checkingAccountNumber' })} />;
    }
    if (at({ signedOut: 'lockedOut' })) {
      return (
        <LockedOut productName={productName} email={email} retryAt={state.context.retryAt} send={send} />
      );
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
      return (
        <ProgressStep
          productName={productName}
          heading="Single Sign-On"
          status="Connecting to your identity provider…"
        />
      );
    }
    if (at('signingOutAtProvider')) {
      return (
        <ProgressStep
          productName={productName}
          heading="Signing out"
          status="Signing you out of your identity provider…"
        />
      );
    }
    if (at({ signedOut: 'completingSso' })) {
      return <ProgressStep productName={productName} heading="Single Sign-On" status="Signing you in…" />;
    }
    if (
      at({ signedOut: { passwordReset: 'forgotPassword' } }) ||
      at({ signedOut: { passwordReset: 'requestingReset' } })
    ) {
      return (
        <ForgotPassword
          {...card}
          email={email}
          busy={at({ signedOut: { passwordReset: 'requestingReset' } })}
        />
      );
    }
    if (at({ signedOut: { passwordReset: 'resetRequested' } }))
      return <ResetRequested productName={productName} send={send} />;
    if (at({ signedOut: { passwordReset: 'checkingResetLink' } })) {
      return (
        <ProgressStep productName={productName} heading="Reset your password" status="Checking your link…" />
      );
    }
    if (at({ signedOut: { passwordReset: 'resetLinkInvalid' } })) {
      return <ProblemStep {...card} heading="This link doesn’t work" waysOn={waysOn(retry, newLink)} />;
    }
    if (at({ signedOut: { passwordReset: 'resetLinkCheckFailed' } })) {
      return <ProblemStep {...card} heading="We couldn’t check your link" waysOn={waysOn(newLink, retry)} />;
    }
    if (
      at({ signedOut: { passwordReset: 'newPassword' } }) ||
      at({ signedOut: { passwordReset: 'resettingPassword' } })
    ) {
      return <NewPassword {...card} busy={at({ signedOut: { passwordReset: 'resettingPassword' } })} />;
    }
    if (at({ signedOut: 'ssoFailed' })) {
      return <ProblemStep {...card} heading="Single Sign-On didn’t work" waysOn={waysOn(back, retry)} />;
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
      if (at({ signedIn: 'permissions' })) {
        return <Permissions {...card} asking={at({ signedIn: { permissions: 'asking' } })} />;
      }
      return (
        <Home
          {...card}
          session={session}
          notifications={state.context.notifications}
          menuOpen={at({ signedIn: { home: 'menuOpen' } })}
          signingOut={signingOut}
        />
      );
    }
    return <CheckingSession productName={productName} />;
  })();

  return (
    <ProblemRevision value={state.context.problemsShown}>
      {screen}
      {/* What just arrived, told to screen readers on whatever screen the user is; the home shows the counts. */}
      <p className="visually-hidden" role="status" aria-label="Just arrived">
        {state.context.announcement}
      </p>
    </ProblemRevision>
  );
}
