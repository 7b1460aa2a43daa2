'use client';
import { useMachine } from '@xstate/react';
import { journeyMachine } from '@/machines/journey';
import { CheckingSession } from './CheckingSession';
import { Home } from './Home';
import { Identify } from './Identify';
import { journeyActors } from './journeyActors';
import { PasswordStep } from './PasswordStep';
import { SessionCheckFailed } from './SessionCheckFailed';
import { Welcome } from './Welcome';

const browserJourney = journeyMachine.provide({ actors: journeyActors });

/** Runs the journey's statechart and shows the screen of the state it is in: one switch, no flow of its own. */
export function SignInJourney({ productName }: { productName: string }) {
  const [state, send] = useMachine(browserJourney);
  const { email, problem, notice, session } = state.context;

  if (state.matches('sessionCheckFailed'))
    return <SessionCheckFailed productName={productName} problem={problem} send={send} />;
  if (state.matches({ signedOut: 'welcome' }))
    return <Welcome productName={productName} notice={notice} send={send} />;
  if (state.matches({ signedOut: 'identify' })) {
    return <Identify productName={productName} email={email} problem={problem} send={send} />;
  }
  if (state.matches({ signedOut: 'password' }) || state.matches({ signedOut: 'signingIn' })) {
    return (
      <PasswordStep
        productName={productName}
        email={email}
        problem={problem}
        busy={state.matches({ signedOut: 'signingIn' })}
        send={send}
      />
    );
  }
  if (state.matches('signedIn') && session) {
    return (
      <Home
        productName={productName}
        session={session}
        menuOpen={state.matches({ signedIn: { home: 'menuOpen' } })}
        signingOut={state.matches({ signedIn: 'signingOut' })}
        problem={problem}
        send={send}
      />
    );
  }
  return <CheckingSession productName={productName} />;
}
