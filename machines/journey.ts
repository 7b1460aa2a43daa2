import { assign, fromPromise, type NonReducibleUnknown, setup } from 'xstate';
import {
  type Credentials,
  failureCodeOf,
  isEmailFormat,
  type JourneyContext,
  type JourneyEvent,
  type ProblemCode,
  type SessionView,
} from './journeyTypes';

/** An actor the machine declares but whose work lives outside it: the browser and the tests provide it. */
function provided<TOutput, TInput = NonReducibleUnknown>(name: string) {
  return fromPromise<TOutput, TInput>(async () => {
    throw new Error(`The "${name}" actor must be given with machine.provide()`);
  });
}

/**
 * The whole sign-in and sign-out journey of SPEC.md as one statechart.
 * The UI renders it, the server answers its actors, the tests are generated from it.
 */
export const journeyMachine = setup({
  types: {
    context: {} as JourneyContext,
    events: {} as JourneyEvent,
  },
  actors: {
    loadSession: provided<SessionView | null>('loadSession'),
    signIn: provided<SessionView, Credentials>('signIn'),
    signOut: provided<void>('signOut'),
  },
  guards: {
    hasSession: (_, params: { session: SessionView | null }) => params.session !== null,
    isEmailFormatValid: (_, params: { email: string }) => isEmailFormat(params.email.trim()),
    isPasswordPresent: (_, params: { password: string }) => params.password.length > 0,
    areCredentialsRejected: (_, params: { error: unknown }) =>
      failureCodeOf(params.error) === 'invalidCredentials',
  },
  actions: {
    rememberEmail: assign((_, params: { email: string }) => ({ email: params.email.trim().toLowerCase() })),
    rememberSession: assign((_, params: { session: SessionView | null }) => ({ session: params.session })),
    showProblem: assign((_, params: { problem: ProblemCode }) => ({ problem: params.problem })),
    clearProblem: assign({ problem: null }),
    clearNotice: assign({ notice: null }),
    forgetUser: assign({ email: '', session: null, problem: null, notice: 'signedOut' as const }),
  },
}).createMachine({
  id: 'journey',
  context: { email: '', session: null, problem: null, notice: null },
  initial: 'checkingSession',
  states: {
    checkingSession: {
      meta: { description: 'Opening the app: it asks the server whether this browser is still signed in.' },
      invoke: {
        id: 'loadSession',
        src: 'loadSession',
        onDone: [
          {
            guard: { type: 'hasSession', params: ({ event }) => ({ session: event.output }) },
            target: 'signedIn',
            actions: { type: 'rememberSession', params: ({ event }) => ({ session: event.output }) },
          },
          { target: 'signedOut' },
        ],
        onError: {
          target: 'sessionCheckFailed',
          actions: { type: 'showProblem', params: { problem: 'unavailable' } },
        },
      },
    },
    sessionCheckFailed: {
      meta: { description: 'The server could not be reached while opening the app; the user can try again.' },
      on: { RETRY: { target: 'checkingSession', actions: 'clearProblem' } },
    },
    signedOut: {
      meta: { description: 'Nobody is signed in on this browser.' },
      initial: 'welcome',
      states: {
        welcome: {
          meta: {
            description: 'Welcome page with SIGN IN; after a logout it also says "You have signed out."',
          },
          on: { SIGN_IN: { target: 'identify', actions: 'clearNotice' } },
        },
        identify: {
          meta: {
            description:
              'The user types an email or User Principal Name; its format is checked here, before any request.',
          },
          on: {
            SUBMIT_EMAIL: [
              {
                guard: { type: 'isEmailFormatValid', params: ({ event }) => ({ email: event.email }) },
                target: 'password',
                actions: [
                  { type: 'rememberEmail', params: ({ event }) => ({ email: event.email }) },
                  'clearProblem',
                ],
              },
              { actions: { type: 'showProblem', params: { problem: 'invalidEmail' } } },
            ],
            BACK: { target: 'welcome', actions: 'clearProblem' },
          },
        },
        password: {
          meta: {
            description: 'Shows who is signing in (with Change) and asks for the password.',
          },
          on: {
            SUBMIT_PASSWORD: [
              {
                guard: { type: 'isPasswordPresent', params: ({ event }) => ({ password: event.password }) },
                target: 'signingIn',
                actions: 'clearProblem',
              },
              { actions: { type: 'showProblem', params: { problem: 'passwordRequired' } } },
            ],
            CHANGE_EMAIL: { target: 'identify', actions: 'clearProblem' },
          },
        },
        signingIn: {
          meta: { description: 'The server checks the email and password.' },
          invoke: {
            id: 'signIn',
            src: 'signIn',
            // The password travels in the event only: it is never kept in the machine's context.
            input: ({ context, event }) => ({
              email: context.email,
              password: event.type === 'SUBMIT_PASSWORD' ? event.password : '',
            }),
            onDone: {
              target: '#journey.signedIn',
              actions: { type: 'rememberSession', params: ({ event }) => ({ session: event.output }) },
            },
            onError: [
              {
                guard: { type: 'areCredentialsRejected', params: ({ event }) => ({ error: event.error }) },
                target: 'password',
                actions: { type: 'showProblem', params: { problem: 'invalidCredentials' } },
              },
              {
                target: 'password',
                actions: { type: 'showProblem', params: { problem: 'unavailable' } },
              },
            ],
          },
        },
      },
    },
    signedIn: {
      meta: { description: 'A user is signed in on this browser.' },
      initial: 'home',
      states: {
        home: {
          meta: { description: 'The home: what arrived while the user was away, and the Account menu.' },
          initial: 'menuClosed',
          on: {
            RELOAD: { target: '#journey.checkingSession', actions: 'clearProblem' },
          },
          states: {
            menuClosed: {
              meta: { description: 'The home with the Account menu closed.' },
              on: { OPEN_MENU: { target: 'menuOpen' } },
            },
            menuOpen: {
              meta: { description: 'The Account menu is open: name, e-mail and Logout.' },
              on: {
                CLOSE_MENU: { target: 'menuClosed' },
                LOGOUT: { target: '#journey.signedIn.signingOut', actions: 'clearProblem' },
              },
            },
          },
        },
        signingOut: {
          meta: { description: 'The server ends the session.' },
          invoke: {
            id: 'signOut',
            src: 'signOut',
            onDone: { target: '#journey.signedOut', actions: 'forgetUser' },
            onError: {
              target: 'home',
              actions: { type: 'showProblem', params: { problem: 'signOutFailed' } },
            },
          },
        },
      },
    },
  },
});

export type JourneyMachine = typeof journeyMachine;
