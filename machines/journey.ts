import { assign, fromPromise, type NonReducibleUnknown, setup } from 'xstate';
import {
  type Credentials,
  type FailureCode,
  failureCodeOf,
  type Identification,
  type IdentifyInput,
  isAccountNumberFormat,
  isEmailFormat,
  type JourneyContext,
  type JourneyEvent,
  type JourneyInput,
  type LiveDelivery,
  NEW_PASSWORD_MIN_LENGTH,
  type NoticeCode,
  type NotificationChoice,
  type PermissionAnswer,
  type ProblemCode,
  type ProviderReply,
  type ResumedSignIn,
  retryAtOf,
  type SessionCheck,
  type SessionView,
  type SignOutAnswer,
  type SignOutTrip,
  type SsoRedirect,
} from './journeyTypes';

/** An actor the machine declares but whose work lives outside it: the browser and the tests provide it. */
function provided<TOutput, TInput = NonReducibleUnknown>(name: string) {
  return fromPromise<TOutput, TInput>(async () => {
    throw new Error(`The "${name}" actor must be given with machine.provide()`);
  });
}

/** What the journey knows when the app opens: nothing yet. */
export const initialJourneyContext: JourneyContext = {
  email: '',
  accountNumber: null,
  methods: null,
  resetToken: null,
  retryAt: null,
  session: null,
  problem: null,
  problemsShown: 0,
  notice: null,
  notifications: null,
  announcement: null,
  systemNotification: null,
};

type SessionOpened = { event: { output: SessionView } };
const sessionOf = ({ event }: SessionOpened) => ({ session: event.output });

/** A new session on a browser never asked about notifications: it asks, once the licence is accepted. */
const askAboutNotifications = <Params>(session: (args: Params) => { session: SessionView | null }) =>
  ({
    guard: { type: 'asksForNotifications', params: session },
    target: '#journey.signedIn.permissions',
    actions: { type: 'rememberSession', params: session },
  }) as const;

/** This browser's answer to notifications: the journey knows it, and the browser keeps it for its next visits. */
const keepChoice = <Params>(choice: (args: Params) => { choice: NotificationChoice }) =>
  [
    { type: 'rememberNotificationChoice', params: choice },
    { type: 'keepNotificationChoice', params: choice },
  ] as const;

/** Where a new session leads, from a password or from SSO: the licence on a first sign-in, else the home. */
const toSignedIn = [
  askAboutNotifications(sessionOf),
  {
    guard: { type: 'hasAcceptedLicence', params: sessionOf },
    target: '#journey.signedIn.home',
    actions: { type: 'rememberSession', params: sessionOf },
  },
  { target: '#journey.signedIn.licence', actions: { type: 'rememberSession', params: sessionOf } },
] as const;

/** A page opened at a reset link starts afresh: nothing of an earlier sign-in (or of who asked) carries over. */
const openResetLink = {
  target: '#journey.signedOut.passwordReset.checkingResetLink',
  actions: [
    'forgetUser',
    'clearNotice',
    {
      type: 'rememberResetToken',
      params: ({ event }: { event: { token: string } }) => ({ token: event.token }),
    },
  ],
} as const;

type Failed = { event: { error: unknown } };
const errorOf = ({ event }: Failed) => ({ error: event.error });

/**
 * Where a failed server step leads: one failure to a state of its own, any other (the network, a limit) back to
 * where the user can try again; either way the journey shows the failure's message.
 */
const failingTo = <Target extends string>(code: FailureCode, own: Target, otherwise: Target) =>
  [
    {
      guard: { type: 'failedWith', params: ({ event }: Failed) => ({ error: event.error, code }) },
      target: own,
      actions: { type: 'showFailure', params: errorOf },
    },
    { target: otherwise, actions: { type: 'showFailure', params: errorOf } },
  ] as const;

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
    loadSession: provided<SessionCheck>('loadSession'),
    identify: provided<Identification, IdentifyInput>('identify'),
    signIn: provided<SessionView, Credentials>('signIn'),
    acceptLicence: provided<SessionView>('acceptLicence'),
    signOut: provided<SignOutAnswer>('signOut'),
    startSso: provided<SsoRedirect, IdentifyInput>('startSso'),
    completeSso: provided<SessionView, { query: string }>('completeSso'),
    requestReset: provided<void, { email: string }>('requestReset'),
    checkResetLink: provided<void, { token: string }>('checkResetLink'),
    resetPassword: provided<void, { token: string; password: string }>('resetPassword'),
    askNotificationPermission: provided<PermissionAnswer>('askNotificationPermission'),
  },
  guards: {
    hasSession: (_, params: { session: SessionView | null }) => params.session !== null,
    hasAcceptedLicence: (_, params: { session: SessionView | null }) =>
      params.session?.licenceAccepted === true,
    hasExpired: (_, params: { check: SessionCheck }) => params.check.expired,
    /** A new session past the licence, on a browser that was never asked about notifications. */
    asksForNotifications: ({ context }, params: { session: SessionView | null }) =>
      params.session?.licenceAccepted === true && context.notifications === null,
    /** Past the licence, on a browser that allowed the app's notifications. */
    allowsNotificationsPastLicence: ({ context }) =>
      context.session?.licenceAccepted === true && context.notifications === 'granted',
    isEmailFormatValid: (_, params: { email: string }) => isEmailFormat(params.email.trim()),
    isAccountNumberFormatValid: (_, params: { accountNumber: string }) =>
      isAccountNumberFormat(params.accountNumber.trim()),
    needsAccountNumber: (_, params: { identification: Identification }) =>
      params.identification.next === 'accountNumber',
    offersPassword: ({ context }) => context.methods?.password === true,
    offersSso: ({ context }) => context.methods?.sso === true,
    /** The account allows passwords and the user typed one. */
    isPasswordOffered: ({ context }, params: { password: string }) =>
      context.methods?.password === true && params.password.length > 0,
    providerRefused: (_, params: { reply: ProviderReply }) => params.reply.kind === 'refused',
    isSentToProvider: (_, params: { answer: SignOutAnswer }) =>
      typeof params.answer.providerSignOut === 'object' && params.answer.providerSignOut !== null,
    providerSignOutFailed: (_, params: { answer: SignOutAnswer }) =>
      params.answer.providerSignOut === 'failed',
    /** The provider sent back the very state of this tab's trip: it answered (the person chose there whether to end its session). */
    isConfirmed: (_, params: { confirmed: boolean }) => params.confirmed,
    hasMethods: ({ context }) => context.methods !== null,
    isNewPasswordShort: (_, params: { password: string }) => params.password.length < NEW_PASSWORD_MIN_LENGTH,
    doNewPasswordsDiffer: (_, params: { password: string; confirmation: string }) =>
      params.password !== params.confirmation,
    failedWith: (_, params: { error: unknown; code: FailureCode }) =>
      failureCodeOf(params.error) === params.code,
  },
  actions: {
    rememberEmail: assign((_, params: { email: string }) => ({ email: params.email.trim().toLowerCase() })),
    rememberAccountNumber: assign((_, params: { accountNumber: string }) => ({
      accountNumber: params.accountNumber.trim(),
    })),
    forgetAccountNumber: assign({ accountNumber: null }),
    rememberMethods: assign((_, params: { identification: Identification }) => ({
      methods: params.identification.next === 'method' ? params.identification.methods : null,
    })),
    forgetMethods: assign({ methods: null }),
    rememberResetToken: assign((_, params: { token: string }) => ({ resetToken: params.token })),
    // A link the user gives up on is not kept: a working one would still change the password (ASVS 5.0 V6.4.3).
    forgetResetToken: assign({ resetToken: null }),
    /** The email a reset is asked for; another one than the signing-in user's leaves their sign-in options behind. */
    rememberResetEmail: assign(({ context }, params: { email: string }) => {
      const email = params.email.trim().toLowerCase();
      return email === context.email ? { email } : { email, methods: null, accountNumber: null };
    }),
    /** Back from the provider: the journey carries on with what it kept before it left. */
    resumeSignIn: assign((_, params: { resumed: ResumedSignIn | null }) => params.resumed ?? {}),
    rememberRetryAt: assign((_, params: { error: unknown }) => ({ retryAt: retryAtOf(params.error) })),
    forgetRetryAt: assign({ retryAt: null }),
    rememberSession: assign((_, params: { session: SessionView | null }) => ({ session: params.session })),
    showProblem: assign(({ context }, params: { problem: ProblemCode }) => ({
      problem: params.problem,
      problemsShown: context.problemsShown + 1,
    })),
    showFailure: assign(({ context }, params: { error: unknown }) => ({
      problem: failureCodeOf(params.error),
      problemsShown: context.problemsShown + 1,
    })),
    clearProblem: assign({ problem: null }),
    /** A page loaded again holds nothing of the last one: no problem shown, nothing announced. */
    forgetPage: assign({ problem: null, announcement: null, systemNotification: null }),
    showNotice: assign((_, params: { notice: NoticeCode }) => ({ notice: params.notice })),
    clearNotice: assign({ notice: null }),
    /** What arrived joins the counts the user sees, and is announced. */
    showDelivery: assign(({ context }, params: { delivery: LiveDelivery }) => ({
      session: context.session && { ...context.session, inbox: params.delivery.inbox },
      announcement: params.delivery.summary,
    })),
    rememberNotificationChoice: assign((_, params: { choice: NotificationChoice }) => ({
      notifications: params.choice,
    })),
    /** Keeps this browser's answer for its next visits, whoever signs in; the browser provides it. */
    keepNotificationChoice: (_, _params: { choice: NotificationChoice }) => {},
    forgetUser: assign({
      email: '',
      accountNumber: null,
      methods: null,
      resetToken: null,
      retryAt: null,
      session: null,
      problem: null,
      announcement: null,
      systemNotification: null,
    }),
    /** Tells this browser's other tabs that it signed out; the browser provides it. */
    announceSignOut: () => {},
    /** Asks the system to show what arrived as a notification (the service worker does); the browser provides it. */
    notifySystem: (_, _params: { delivery: LiveDelivery }) => {},
    noteSystemNotification: assign((_, params: { delivery: LiveDelivery }) => ({
      systemNotification: params.delivery.summary,
    })),
    /** Keeps what the journey needs, then sends the browser to the identity provider; the browser provides it. */
    goToProvider: (_, _params: { url: string; resume: ResumedSignIn }) => {},
    /** Keeps the state and the notice, then sends the browser to sign out at the provider; the browser provides it. */
    goToProviderSignOut: (_, _params: { url: string; trip: SignOutTrip }) => {},
  },
}).createMachine({
  id: 'journey',
  // The browser says what it kept from earlier visits: its answer to notifications.
  // Optional, so that tests and the generator start a journey without one: a browser that kept nothing.
  context: ({ input }) => ({
    ...initialJourneyContext,
    notifications: (input as JourneyInput)?.notifications ?? null,
  }),
  initial: 'checkingSession',
  states: {
    checkingSession: {
      meta: { description: 'Opening the app: it asks the server whether this browser is still signed in.' },
      // The link in a reset mail opens the app on the reset page: the new page checks the link, not the session.
      on: { RESET_LINK_OPENED: openResetLink },
      invoke: {
        id: 'loadSession',
        src: 'loadSession',
        onDone: [
          {
            guard: { type: 'hasAcceptedLicence', params: ({ event }) => ({ session: event.output.session }) },
            target: '#journey.signedIn.home',
            actions: { type: 'rememberSession', params: ({ event }) => ({ session: event.output.session }) },
          },
          {
            guard: { type: 'hasSession', params: ({ event }) => ({ session: event.output.session }) },
            target: '#journey.signedIn.licence',
            actions: { type: 'rememberSession', params: ({ event }) => ({ session: event.output.session }) },
          },
          {
            guard: { type: 'hasExpired', params: ({ event }) => ({ check: event.output }) },
            target: '#journey.signedOut.welcome',
            actions: ['forgetUser', { type: 'showNotice', params: { notice: 'sessionExpired' } }],
          },
          { target: '#journey.signedOut.welcome' },
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
            description:
              'Welcome page with SIGN IN; after a logout, a declined licence or an expired session it says why.',
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
                target: 'identifying',
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
        identifying: {
          meta: { description: 'The server says whether this email needs an account number.' },
          invoke: {
            id: 'identify',
            src: 'identify',
            input: ({ context }) => ({ email: context.email, accountNumber: null }),
            onDone: [
              {
                guard: {
                  type: 'needsAccountNumber',
                  params: ({ event }) => ({ identification: event.output }),
                },
                target: 'accountNumber',
              },
              {
                target: 'method',
                actions: {
                  type: 'rememberMethods',
                  params: ({ event }) => ({ identification: event.output }),
                },
              },
            ],
            onError: {
              target: 'identify',
              actions: { type: 'showFailure', params: ({ event }) => ({ error: event.error }) },
            },
          },
        },
        accountNumber: {
          meta: {
            description:
              'The email is in more than one customer account: the user types the account number from the welcome email.',
          },
          on: {
            SUBMIT_ACCOUNT_NUMBER: [
              {
                guard: {
                  type: 'isAccountNumberFormatValid',
                  params: ({ event }) => ({ accountNumber: event.accountNumber }),
                },
                target: 'checkingAccountNumber',
                actions: [
                  {
                    type: 'rememberAccountNumber',
                    params: ({ event }) => ({ accountNumber: event.accountNumber }),
                  },
                  'clearProblem',
                ],
              },
              { actions: { type: 'showProblem', params: { problem: 'invalidAccountNumber' } } },
            ],
            BACK: { target: 'identify', actions: ['forgetAccountNumber', 'clearProblem'] },
          },
        },
        checkingAccountNumber: {
          meta: { description: 'The server checks that the email belongs to that account.' },
          invoke: {
            id: 'checkAccountNumber',
            src: 'identify',
            input: ({ context }) => ({ email: context.email, accountNumber: context.accountNumber }),
            onDone: {
              target: 'method',
              actions: { type: 'rememberMethods', params: ({ event }) => ({ identification: event.output }) },
            },
            onError: {
              target: 'accountNumber',
              actions: [
                { type: 'showFailure', params: ({ event }) => ({ error: event.error }) },
                'forgetAccountNumber',
              ],
            },
          },
        },
        method: {
          meta: {
            description:
              'Shows who is signing in (with Change), then Single Sign On where the account has it, and the password where the account allows it.',
          },
          on: {
            SUBMIT_PASSWORD: [
              {
                guard: { type: 'isPasswordOffered', params: ({ event }) => ({ password: event.password }) },
                target: 'signingIn',
                actions: 'clearProblem',
              },
              {
                guard: 'offersPassword',
                actions: { type: 'showProblem', params: { problem: 'passwordRequired' } },
              },
            ],
            START_SSO: { guard: 'offersSso', target: 'startingSso', actions: 'clearProblem' },
            FORGOT_PASSWORD: { guard: 'offersPassword', target: 'passwordReset', actions: 'clearProblem' },
            CHANGE_EMAIL: {
              target: 'identify',
              actions: ['forgetAccountNumber', 'forgetMethods', 'clearProblem'],
            },
          },
        },
        startingSso: {
          meta: { description: "The server prepares the trip to the account's identity provider." },
          invoke: {
            id: 'startSso',
            src: 'startSso',
            input: ({ context }) => ({ email: context.email, accountNumber: context.accountNumber }),
            onDone: {
              target: 'atProvider',
              actions: {
                type: 'goToProvider',
                params: ({ context, event }) => ({
                  url: event.output.url,
                  resume: {
                    email: context.email,
                    accountNumber: context.accountNumber,
                    methods: context.methods ?? { sso: true, password: false },
                  },
                }),
              },
            },
            onError: failingTo('ssoFailed', 'ssoFailed', 'method'),
          },
        },
        atProvider: {
          meta: {
            description:
              "The browser is at the account's identity provider; the journey waits, kept, for it to come back.",
          },
          on: {
            PROVIDER_RETURNED: [
              {
                guard: { type: 'providerRefused', params: ({ event }) => ({ reply: event.reply }) },
                target: 'ssoFailed',
                actions: [
                  { type: 'resumeSignIn', params: ({ event }) => ({ resumed: event.resumed }) },
                  { type: 'showProblem', params: { problem: 'ssoFailed' } },
                ],
              },
              {
                target: 'completingSso',
                actions: { type: 'resumeSignIn', params: ({ event }) => ({ resumed: event.resumed }) },
              },
            ],
          },
        },
        completingSso: {
          meta: {
            description:
              'The server redeems what the provider sent back, checks who the person is, and opens a session.',
          },
          invoke: {
            id: 'completeSso',
            src: 'completeSso',
            input: ({ event }) => ({
              query:
                event.type === 'PROVIDER_RETURNED' && event.reply.kind === 'code' ? event.reply.query : '',
            }),
            onDone: toSignedIn,
            // The SSO error screen either way; its message says whether SSO failed or the network did.
            onError: {
              target: 'ssoFailed',
              actions: { type: 'showFailure', params: ({ event }) => ({ error: event.error }) },
            },
          },
        },
        ssoFailed: {
          meta: {
            description:
              'Single Sign-On did not work (cancelled, refused, unreachable, or not a user of the account): try again or go back.',
          },
          on: {
            RETRY: { guard: 'offersSso', target: 'startingSso', actions: 'clearProblem' },
            BACK: { target: 'identify', actions: ['forgetAccountNumber', 'forgetMethods', 'clearProblem'] },
          },
        },
        signingIn: {
          meta: {
            description: 'The server checks the email and password, and opens a session in the account.',
          },
          invoke: {
            id: 'signIn',
            src: 'signIn',
            // The password travels in the event only: it is never kept in the machine's context.
            input: ({ context, event }) => ({
              email: context.email,
              password: event.type === 'SUBMIT_PASSWORD' ? event.password : '',
              accountNumber: context.accountNumber,
            }),
            onDone: toSignedIn,
            onError: [
              {
                guard: {
                  type: 'failedWith',
                  params: ({ event }) => ({ error: event.error, code: 'lockedOut' }),
                },
                target: 'lockedOut',
                actions: { type: 'rememberRetryAt', params: ({ event }) => ({ error: event.error }) },
              },
              {
                target: 'method',
                actions: { type: 'showFailure', params: ({ event }) => ({ error: event.error }) },
              },
            ],
          },
        },
        passwordReset: {
          meta: {
            description:
              'Forgot password: a link by mail, then a new password; it ends on sign-in, never signed in.',
          },
          initial: 'forgotPassword',
          states: {
            forgotPassword: {
              meta: { description: 'Forgot password: the user gives the email to send a reset link to.' },
              on: {
                SUBMIT_RESET_REQUEST: [
                  {
                    guard: { type: 'isEmailFormatValid', params: ({ event }) => ({ email: event.email }) },
                    target: 'requestingReset',
                    actions: [
                      { type: 'rememberResetEmail', params: ({ event }) => ({ email: event.email }) },
                      'clearProblem',
                    ],
                  },
                  { actions: { type: 'showProblem', params: { problem: 'invalidEmail' } } },
                ],
                BACK: [
                  { guard: 'hasMethods', target: '#journey.signedOut.method', actions: 'clearProblem' },
                  { target: '#journey.signedOut.identify', actions: 'clearProblem' },
                ],
              },
            },
            requestingReset: {
              meta: {
                description:
                  'The server takes the request; it answers the same whether or not the email is known.',
              },
              invoke: {
                id: 'requestReset',
                src: 'requestReset',
                input: ({ context }) => ({ email: context.email }),
                onDone: { target: 'resetRequested' },
                onError: {
                  target: 'forgotPassword',
                  actions: { type: 'showFailure', params: ({ event }) => ({ error: event.error }) },
                },
              },
            },
            resetRequested: {
              meta: {
                description:
                  'If an account exists for that email, a link is on its way; the user follows it from the mail.',
              },
              on: {
                BACK: {
                  target: '#journey.signedOut.identify',
                  actions: ['forgetAccountNumber', 'forgetMethods', 'clearProblem'],
                },
                // The user follows the link in the mail this screen told them of (the page loads afresh at it).
                RESET_LINK_OPENED: openResetLink,
              },
            },
            checkingResetLink: {
              meta: {
                description:
                  'The reset page opened from the mail: the server checks that its link still works.',
              },
              invoke: {
                id: 'checkResetLink',
                src: 'checkResetLink',
                input: ({ context }) => ({ token: context.resetToken ?? '' }),
                onDone: { target: 'newPassword' },
                onError: failingTo('resetLinkInvalid', 'resetLinkInvalid', 'resetLinkCheckFailed'),
              },
            },
            resetLinkInvalid: {
              meta: {
                description:
                  'The link has expired, was used, or is not one the server made: the user asks for a new one.',
              },
              on: {
                REQUEST_NEW_LINK: { target: 'forgotPassword', actions: ['forgetResetToken', 'clearProblem'] },
              },
            },
            resetLinkCheckFailed: {
              meta: {
                description:
                  'The server could not be asked about the link: the user tries again, or asks for a new one.',
              },
              on: {
                RETRY: { target: 'checkingResetLink', actions: 'clearProblem' },
                REQUEST_NEW_LINK: { target: 'forgotPassword', actions: ['forgetResetToken', 'clearProblem'] },
              },
            },
            newPassword: {
              meta: {
                description: 'New password and Confirm new password: at least 8 characters, the same twice.',
              },
              on: {
                SUBMIT_NEW_PASSWORD: [
                  {
                    guard: {
                      type: 'isNewPasswordShort',
                      params: ({ event }) => ({ password: event.password }),
                    },
                    actions: { type: 'showProblem', params: { problem: 'passwordTooShort' } },
                  },
                  {
                    guard: {
                      type: 'doNewPasswordsDiffer',
                      params: ({ event }) => ({ password: event.password, confirmation: event.confirmation }),
                    },
                    actions: { type: 'showProblem', params: { problem: 'passwordsDiffer' } },
                  },
                  { target: 'resettingPassword', actions: 'clearProblem' },
                ],
              },
            },
            resettingPassword: {
              meta: {
                description:
                  'The server sets the new password, ends every session of the user, and mails them; it signs nobody in.',
              },
              invoke: {
                id: 'resetPassword',
                src: 'resetPassword',
                // The new password travels in the event only, like the sign-in password.
                input: ({ context, event }) => ({
                  token: context.resetToken ?? '',
                  password: event.type === 'SUBMIT_NEW_PASSWORD' ? event.password : '',
                }),
                onDone: {
                  target: '#journey.signedOut.welcome',
                  actions: ['forgetUser', { type: 'showNotice', params: { notice: 'passwordChanged' } }],
                },
                onError: failingTo('resetLinkInvalid', 'resetLinkInvalid', 'newPassword'),
              },
            },
          },
        },
        lockedOut: {
          meta: {
            description:
              'Too many failed passwords for this email: signing in is paused, and the screen says until when.',
          },
          on: { RETRY: { target: 'method', actions: 'forgetRetryAt' } },
        },
      },
    },
    signedIn: {
      meta: { description: 'A user is signed in on this browser.' },
      initial: 'home',
      on: {
        SIGNED_OUT_ELSEWHERE: {
          target: '#journey.signedOut.welcome',
          actions: ['forgetUser', { type: 'showNotice', params: { notice: 'signedOut' } }],
        },
        // Something arrives for the user while this page is open (its live channel), whatever step they are on.
        // Only past the licence: the page opens its live channel once the user may use the app.
        // Where the browser allowed notifications, the system shows one too.
        DELIVERY_ARRIVED: [
          {
            guard: 'allowsNotificationsPastLicence',
            actions: [
              { type: 'showDelivery', params: ({ event }) => ({ delivery: event.delivery }) },
              { type: 'notifySystem', params: ({ event }) => ({ delivery: event.delivery }) },
              { type: 'noteSystemNotification', params: ({ event }) => ({ delivery: event.delivery }) },
            ],
          },
          {
            guard: { type: 'hasAcceptedLicence', params: ({ context }) => ({ session: context.session }) },
            actions: { type: 'showDelivery', params: ({ event }) => ({ delivery: event.delivery }) },
          },
        ],
      },
      states: {
        licence: {
          meta: {
            description:
              'First sign-in ever: the End User License Agreement, with CONFIRM enabled only once the box is checked.',
          },
          initial: 'unchecked',
          on: {
            DECLINE_LICENCE: {
              target: 'signingOut',
              actions: [{ type: 'showNotice', params: { notice: 'licenceDeclined' } }, 'clearProblem'],
            },
            RELOAD: { target: '#journey.checkingSession', actions: 'forgetPage' },
          },
          states: {
            unchecked: {
              meta: { description: 'The licence with its box not checked: CONFIRM is disabled.' },
              on: { CHECK_LICENCE_BOX: { target: 'checked' } },
            },
            checked: {
              meta: { description: 'The box is checked: CONFIRM is enabled.' },
              on: {
                UNCHECK_LICENCE_BOX: { target: 'unchecked' },
                CONFIRM_LICENCE: { target: '#journey.signedIn.acceptingLicence', actions: 'clearProblem' },
              },
            },
          },
        },
        acceptingLicence: {
          meta: { description: 'The server records who accepted which version of the licence, and when.' },
          invoke: {
            id: 'acceptLicence',
            src: 'acceptLicence',
            onDone: [
              askAboutNotifications(({ event }: { event: { output: SessionView } }) => ({
                session: event.output,
              })),
              {
                target: 'home',
                actions: { type: 'rememberSession', params: ({ event }) => ({ session: event.output }) },
              },
            ],
            onError: {
              target: 'licence.checked',
              actions: { type: 'showProblem', params: { problem: 'unavailable' } },
            },
          },
        },
        permissions: {
          meta: {
            description:
              'First sign-in on this browser: why the app asks to notify (incoming calls and messages), with Allow notifications and Not now.',
          },
          initial: 'offered',
          on: { RELOAD: { target: '#journey.checkingSession', actions: 'forgetPage' } },
          states: {
            offered: {
              meta: { description: 'The app says why it asks; the way home is open either way.' },
              on: {
                ALLOW_NOTIFICATIONS: { target: 'asking', actions: 'clearProblem' },
                SKIP_NOTIFICATIONS: {
                  target: '#journey.signedIn.home',
                  actions: [...keepChoice(() => ({ choice: 'notNow' as const })), 'clearProblem'],
                },
              },
            },
            asking: {
              meta: {
                description:
                  "The app gets what it needs to receive notifications, then the browser's own prompt asks the user.",
              },
              invoke: {
                id: 'askNotificationPermission',
                src: 'askNotificationPermission',
                onDone: {
                  target: '#journey.signedIn.home',
                  actions: keepChoice(({ event }: { event: { output: PermissionAnswer } }) => ({
                    choice: event.output,
                  })),
                },
                onError: {
                  target: 'offered',
                  actions: { type: 'showFailure', params: ({ event }) => ({ error: event.error }) },
                },
              },
            },
          },
        },
        home: {
          meta: { description: 'The home: what arrived while the user was away, and the Account menu.' },
          initial: 'menuClosed',
          on: {
            // The browser loads the page again (reload, a new tab): the app checks its session once more.
            RELOAD: { target: '#journey.checkingSession', actions: 'forgetPage' },
          },
          states: {
            menuClosed: {
              meta: { description: 'The home with the Account menu closed.' },
              on: { OPEN_MENU: { target: 'menuOpen' } },
            },
            menuOpen: {
              meta: { description: 'The Account menu is open: name, e-mail, account and Logout.' },
              on: {
                CLOSE_MENU: { target: 'menuClosed' },
                LOGOUT: {
                  target: '#journey.signedIn.signingOut',
                  actions: [{ type: 'showNotice', params: { notice: 'signedOut' } }, 'clearProblem'],
                },
              },
            },
          },
        },
        signingOut: {
          meta: { description: 'The server ends the session; the other tabs of this browser sign out too.' },
          invoke: {
            id: 'signOut',
            src: 'signOut',
            onDone: [
              {
                guard: { type: 'isSentToProvider', params: ({ event }) => ({ answer: event.output }) },
                target: '#journey.signingOutAtProvider',
                actions: [
                  {
                    type: 'goToProviderSignOut',
                    params: ({ context, event }) => {
                      const { url, state } = event.output.providerSignOut as { url: string; state: string };
                      return { url, trip: { state, notice: context.notice } };
                    },
                  },
                  'forgetUser',
                  'announceSignOut',
                ],
              },
              {
                guard: { type: 'providerSignOutFailed', params: ({ event }) => ({ answer: event.output }) },
                target: '#journey.signedOut.welcome',
                actions: [
                  'forgetUser',
                  'announceSignOut',
                  { type: 'showNotice', params: { notice: 'providerSignOutFailed' } },
                ],
              },
              { target: '#journey.signedOut.welcome', actions: ['forgetUser', 'announceSignOut'] },
            ],
            // Still signed in: back where the user was, the licence if it was declined, the home otherwise.
            onError: [
              {
                guard: {
                  type: 'hasAcceptedLicence',
                  params: ({ context }) => ({ session: context.session }),
                },
                target: 'home',
                actions: ['clearNotice', { type: 'showProblem', params: { problem: 'signOutFailed' } }],
              },
              {
                target: 'licence',
                actions: ['clearNotice', { type: 'showProblem', params: { problem: 'signOutFailed' } }],
              },
            ],
          },
        },
      },
    },
    signingOutAtProvider: {
      meta: {
        description:
          "Signed out of the app; the browser is at the account's identity provider, which ends its own session and sends it back.",
      },
      on: {
        // The state the provider sent back is the one this trip kept: the provider answered the trip this tab began.
        PROVIDER_SIGNED_OUT: [
          {
            guard: { type: 'isConfirmed', params: ({ event }) => ({ confirmed: event.confirmed }) },
            target: '#journey.signedOut.welcome',
            actions: {
              type: 'showNotice',
              params: ({ event }) => ({ notice: event.notice ?? ('signedOut' as const) }),
            },
          },
          {
            target: '#journey.signedOut.welcome',
            actions: { type: 'showNotice', params: { notice: 'providerSignOutFailed' } },
          },
        ],
      },
    },
  },
});
