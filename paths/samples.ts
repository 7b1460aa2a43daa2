import type { AnyMachineSnapshot, EventObject } from 'xstate';
import type {
  DeliveryKind,
  Identification,
  InboxCounts,
  JourneyEvent,
  SessionCheck,
  SessionView,
} from '@/machines/journeyTypes';
import { codeOf, INIT_EVENT, type OpeningCookie, type OpeningEvent } from './describe';
import { memoryOf, nothingKept, type ProviderImpostor, type ServerMemory } from './serverMemory';

/** A customer account as the samples see it: its number, name, how its people sign in and whether they sign out at the provider. */
export type SampleAccount = {
  number: string;
  name: string;
  signIn: 'password' | 'sso' | 'ssoOnly';
  logoutAtProvider?: boolean;
};

/** A persona as the samples see it: everything but their secrets, so the samples may run in a browser. */
export type SamplePersona = {
  name: string;
  email: string;
  /** The User Principal Name their administrator recorded: what an Azure user types to sign in. */
  upn?: string;
  accounts: string[];
  licenceAccepted: boolean;
  waiting: Array<{ kind: 'missedCall' | 'message' | 'meetingInvitation' }>;
  /** Whether they have a password of their own with the app (SSO-only people have none). */
  hasPassword: boolean;
  /** Whether the demo identity provider knows them (they can sign in there). */
  knownToProvider: boolean;
};

/** The seeded data the samples are chosen against: the personas and their accounts. */
export type SampleWorld = { personas: SamplePersona[]; accounts: SampleAccount[] };

export const unknownEmail = 'nobody@acme.test';
export const malformedEmail = 'ada.acme.test';
export const unknownAccountNumber = '999999';
export const malformedAccountNumber = '12ab';
/** Stands for the persona's own password in a sampled event; the tests type the real one (e2e/events.ts). */
export const ownPassword = '(their own password)';
/** A password no persona has: what an unknown email or a person without a password of their own tries. */
export const strangerPassword = 'Not-a-user-pass-1';
/** A new password no list of common ones holds. */
export const newPassword = 'a kettle of quiet lanterns';
/** How an SSO sign-in of the user themselves is made to fail: what a tampering proxy would do. */
export const stateChanged = 'the state changed on its way back';
/** How the way back from signing out at the provider is made unconfirmed: what a forged link or a tampering proxy does. */
export const signOutStateChanged = 'the state changed on its way back from signing out';
/** Stands for the code and state the provider really sends back; the test never knows them in advance. */
export const codeReply = 'code=(issued by the provider)&state=(as sent)';

/** What a delivery in a generated path says: the system notification's words. */
export const deliverySummaries: Record<DeliveryKind, string> = {
  missedCall: 'Missed call from Grace Hopper',
  message: 'New message from Alan Turing',
  meetingInvitation: 'Meeting invitation from Ada Lovelace',
};
const inboxCountOf: Record<DeliveryKind, keyof InboxCounts> = {
  missedCall: 'missedCalls',
  message: 'unreadMessages',
  meetingInvitation: 'meetingInvitations',
};

type Snapshot = AnyMachineSnapshot;
type Samples = (snapshot: Snapshot) => EventObject[];

/** The ids of the actors invoked by the states a snapshot is in. */
export function invokedActorIds(snapshot: Snapshot): string[] {
  return snapshot._nodes.flatMap((node) => node.invoke.map((definition) => definition.id));
}

const answerOf = (event: EventObject) => /^xstate\.(?:done|error)\.actor\.(.+)$/.exec(event.type)?.[1];

/**
 * What a walk has left on the server that its concrete state does not hold: an API this client used up for the
 * minute, which the real server refuses until the minute is over; a locked email (kept apart from the key: every
 * set of locked emails would copy the whole graph).
 */
export type AnswerMark = 'identify limit' | 'reset limit' | 'locked';
export type AnswerMarks = ReadonlySet<AnswerMark>;
export const noMarks: AnswerMarks = new Set();

/** The marks after one more step, or null where the real server would answer it otherwise than the sample says. */
export function marksAfter(marks: AnswerMarks, event: EventObject): AnswerMarks | null {
  const actor = answerOf(event);
  const code = codeOf(event);
  const limited = (mark: AnswerMark) => {
    if (marks.has(mark) && code !== 'rateLimited' && code !== 'unavailable') return null;
    return code === 'rateLimited' && !marks.has(mark) ? new Set([...marks, mark]) : marks;
  };
  if (actor === 'identify' || actor === 'checkAccountNumber') return limited('identify limit');
  if (actor === 'requestReset') return limited('reset limit');
  // A link mailed earlier is asked for through the same API, under the same limit.
  if (event.type === 'RESET_LINK_OPENED' && 'email' in event && marks.has('reset limit')) return null;
  // Whose email was locked is not in the event: once one is, no password sign-in of anyone is sampled as answered.
  if (actor === 'signIn') {
    if (marks.has('locked') && code !== 'lockedOut' && code !== 'unavailable') return null;
    return code === 'lockedOut' && !marks.has('locked') ? new Set([...marks, 'locked' as const]) : marks;
  }
  return marks;
}

/** The marks a walk's steps leave after `from`, or null where one of its answers contradicts them. */
export function marksAlong(events: EventObject[], from: AnswerMarks = noMarks): AnswerMarks | null {
  let marks: AnswerMarks | null = from;
  for (const event of events) marks = marks && marksAfter(marks, event);
  return marks;
}

/** Whether a walk asks the server something after an earlier step changed its answer: such walks are not generated. */
export const answersContradict = (events: EventObject[]) => marksAlong(events) === null;

/**
 * What the generator may feed the machine: a few user inputs per event, and each server step's outcomes
 * chosen from context so that they are what the real server answers for the seeded data.
 * Each path has its own fresh copy of every persona (see e2e/fixtures.ts), so a persona's email here stands
 * for that copy's.
 */
export function createSamples({ personas, accounts }: SampleWorld) {
  /** The persona a typed name stands for: their email, or their UPN. */
  const personaOf = (name: string) =>
    personas.find((persona) => persona.email === name || persona.upn === name);
  const accountByNumber = (number: string) => accounts.find((account) => account.number === number);

  /** The account a persona signs in to: the one asked for, or their only one; none when that is no account of theirs. */
  function accountOf(persona: SamplePersona, accountNumber: string | null) {
    const number = accountNumber ?? (persona.accounts.length === 1 ? persona.accounts[0] : undefined);
    if (!number || !persona.accounts.includes(number)) return undefined;
    return accountByNumber(number);
  }

  /** What the identify step answers for an email (and account number): the next step, and what it offers. */
  function identificationOf(email: string, accountNumber: string | null): Identification {
    const persona = personaOf(email);
    if (!persona) return { next: 'method', methods: { sso: false, password: true } };
    const account = accountOf(persona, accountNumber);
    if (!account) return { next: 'accountNumber' };
    return {
      next: 'method',
      methods: { sso: account.signIn !== 'password', password: account.signIn !== 'ssoOnly' },
    };
  }

  /** What a persona's session shows; `kept` says what this path left on the server (a licence accepted). */
  function viewOf(
    persona: SamplePersona,
    accountNumber: string | null,
    kept: ServerMemory = nothingKept,
  ): SessionView | undefined {
    const account = accountOf(persona, accountNumber);
    if (!account) return undefined;
    const { name, number } = account;
    const count = (kind: SamplePersona['waiting'][number]['kind']) =>
      persona.waiting.filter((item) => item.kind === kind).length;
    // What this path delivered to them waits on the server too, seen or not.
    const delivered = kept.delivered[persona.email];
    return {
      user: { name: persona.name, email: persona.email },
      account: { name, number },
      inbox: {
        missedCalls: count('missedCall') + (delivered?.missedCalls ?? 0),
        unreadMessages: count('message') + (delivered?.unreadMessages ?? 0),
        meetingInvitations: count('meetingInvitation') + (delivered?.meetingInvitations ?? 0),
      },
      licenceAccepted: persona.licenceAccepted || kept.licenceAccepted.includes(persona.email),
    };
  }

  /**
   * Sessions a browser may keep from an earlier visit: for each licence state, the first persona with a password
   * and a single account (the earlier visit signed in without being asked which).
   */
  const keptSessions = () =>
    [true, false].flatMap((accepted) => {
      const persona = personas.find(
        (candidate) =>
          candidate.hasPassword && candidate.accounts.length === 1 && candidate.licenceAccepted === accepted,
      );
      const view = persona && viewOf(persona, persona.accounts[0] ?? null);
      return view ? [view] : [];
    });

  /**
   * Who else may sign in at the provider on a trip of this user, as an attacker would: a person whose verified
   * email is another user's of the same account, a person of another account, and one whose email (the user's
   * own) the provider never verified. The server must refuse each. The `email` also names the persona a test seeds.
   */
  function providerImpostors(email: string, accountNumber: string | null): ProviderImpostor[] {
    const persona = personaOf(email);
    const account = persona && accountOf(persona, accountNumber);
    if (!account) return [];
    const colleague = personas.find((other) => other !== persona && other.accounts.includes(account.number));
    const outsider = personas.find(
      (other) => other.knownToProvider && !other.accounts.includes(account.number),
    );
    return [
      ...(colleague ? [{ signedInAs: 'another user of the account' as const, email: colleague.email }] : []),
      ...(outsider ? [{ signedInAs: 'a person of another account' as const, email: outsider.email }] : []),
      { signedInAs: 'an unverified email' as const, email: persona.email },
    ];
  }

  const networkFailure = { code: 'unavailable' };

  /** Whether a reset request for this email sends a mail: a user who may have a password (no SSO-only account). */
  function getsResetMail(email: string): boolean {
    return (
      personaOf(email)?.accounts.every((number) => accountByNumber(number)?.signIn !== 'ssoOnly') === true
    );
  }

  const done = (id: string, output: unknown) => ({ type: `xstate.done.actor.${id}`, output });
  const failed = (id: string, error: unknown) => ({ type: `xstate.error.actor.${id}`, error });
  /** A step the server answers, refuses with one code, or never hears of (the network fails). */
  const answersOr = (id: string, output: unknown, code: string) => [
    done(id, output),
    failed(id, { code }),
    failed(id, networkFailure),
  ];

  /** The user events, with the inputs worth trying. */
  const userEventSamples: Record<JourneyEvent['type'], Samples> = {
    SIGN_IN: () => [{ type: 'SIGN_IN' }],
    // Each persona as they sign in: Azure users by their UPN (the server makes it their email, tested apart).
    SUBMIT_EMAIL: () => [
      ...personas.map((persona) => ({ type: 'SUBMIT_EMAIL', email: persona.upn ?? persona.email })),
      { type: 'SUBMIT_EMAIL', email: unknownEmail },
      { type: 'SUBMIT_EMAIL', email: malformedEmail },
    ],
    SUBMIT_ACCOUNT_NUMBER: () =>
      [
        ...personas.flatMap((persona) => (persona.accounts.length > 1 ? persona.accounts.slice(-1) : [])),
        unknownAccountNumber,
        malformedAccountNumber,
      ].map((accountNumber) => ({
        type: 'SUBMIT_ACCOUNT_NUMBER',
        accountNumber,
      })),
    // The persona's own password (the new one, once this path changed it), or one that cannot be right (an unknown
    // email, an SSO-only person); and nothing.
    SUBMIT_PASSWORD: (snapshot) => {
      const { email } = snapshot.context;
      const own = memoryOf(snapshot).passwordChanged.includes(email) ? newPassword : ownPassword;
      return [
        { type: 'SUBMIT_PASSWORD', password: personaOf(email)?.hasPassword ? own : strangerPassword },
        { type: 'SUBMIT_PASSWORD', password: '' },
      ];
    },
    START_SSO: () => [{ type: 'START_SSO' }],
    FORGOT_PASSWORD: () => [{ type: 'FORGOT_PASSWORD' }],
    // The email the form is filled with (the one signing in), and one the machine refuses without asking.
    SUBMIT_RESET_REQUEST: ({ context }) => [
      { type: 'SUBMIT_RESET_REQUEST', email: context.email || (personas[0] as SamplePersona).email },
      { type: 'SUBMIT_RESET_REQUEST', email: malformedEmail },
    ],
    // The user follows the link from the mail this screen told of (only when one is on its way); or the app opens
    // at a link mailed before, to the signed-in user where they get reset mail, else to the first who does.
    RESET_LINK_OPENED: (snapshot) => {
      if (snapshot.matches({ signedOut: { passwordReset: 'resetRequested' } }))
        return getsResetMail(snapshot.context.email)
          ? [{ type: 'RESET_LINK_OPENED', token: '(from the mail)' }]
          : [];
      if (!snapshot.matches('checkingSession')) return [];
      const signedIn = snapshot.context.session?.user.email;
      const mailedTo =
        signedIn && getsResetMail(signedIn)
          ? signedIn
          : (personas.find((persona) => getsResetMail(persona.email)) as SamplePersona).email;
      return [{ type: 'RESET_LINK_OPENED', token: '(from an earlier mail)', email: mailedTo }];
    },
    SUBMIT_NEW_PASSWORD: () => [
      { type: 'SUBMIT_NEW_PASSWORD', password: newPassword, confirmation: newPassword },
      { type: 'SUBMIT_NEW_PASSWORD', password: 'short', confirmation: 'short' },
      { type: 'SUBMIT_NEW_PASSWORD', password: newPassword, confirmation: `${newPassword}!` },
    ],
    REQUEST_NEW_LINK: () => [{ type: 'REQUEST_NEW_LINK' }],
    // At the provider the person signs in (when it knows them) or cancels; either way the browser comes back. Or
    // someone else signs in there, as an attacker would try (see providerImpostors).
    PROVIDER_RETURNED: ({ context }) => {
      const resumed = {
        email: context.email,
        accountNumber: context.accountNumber,
        methods: context.methods,
      };
      const code = { kind: 'code', query: codeReply };
      const signsIn = personaOf(context.email)?.knownToProvider === true;
      return [
        ...(signsIn ? [{ type: 'PROVIDER_RETURNED', reply: code, resumed }] : []),
        ...providerImpostors(context.email, context.accountNumber).map((impostor) => ({
          type: 'PROVIDER_RETURNED',
          reply: code,
          resumed,
          ...impostor,
        })),
        { type: 'PROVIDER_RETURNED', reply: { kind: 'refused', error: 'access_denied' }, resumed },
      ];
    },
    // Back from signing out at the provider, where the person chose Sign out: with the state the trip kept, or another
    // (a tampering proxy); either way with the notice the trip kept. Stay signed in comes back alike (the same state,
    // the same page), and only the provider's memory differs: its unit test is server/ssoApi.test.ts.
    PROVIDER_SIGNED_OUT: ({ context }) => [
      { type: 'PROVIDER_SIGNED_OUT', confirmed: true, notice: context.notice },
      { type: 'PROVIDER_SIGNED_OUT', confirmed: false, notice: context.notice, how: signOutStateChanged },
    ],
    CHANGE_EMAIL: () => [{ type: 'CHANGE_EMAIL' }],
    BACK: () => [{ type: 'BACK' }],
    RETRY: () => [{ type: 'RETRY' }],
    CHECK_LICENCE_BOX: () => [{ type: 'CHECK_LICENCE_BOX' }],
    UNCHECK_LICENCE_BOX: () => [{ type: 'UNCHECK_LICENCE_BOX' }],
    CONFIRM_LICENCE: () => [{ type: 'CONFIRM_LICENCE' }],
    DECLINE_LICENCE: () => [{ type: 'DECLINE_LICENCE' }],
    ALLOW_NOTIFICATIONS: () => [{ type: 'ALLOW_NOTIFICATIONS' }],
    SKIP_NOTIFICATIONS: () => [{ type: 'SKIP_NOTIFICATIONS' }],
    OPEN_MENU: () => [{ type: 'OPEN_MENU' }],
    CLOSE_MENU: () => [{ type: 'CLOSE_MENU' }],
    LOGOUT: () => [{ type: 'LOGOUT' }],
    // Another tab signs out, while this one is idle or waiting on the server (its call is then given up).
    SIGNED_OUT_ELSEWHERE: () => [{ type: 'SIGNED_OUT_ELSEWHERE' }],
    RELOAD: () => [{ type: 'RELOAD' }],
    // Something arrives for the signed-in user, delivered for real: each kind on the home, a message elsewhere.
    DELIVERY_ARRIVED: (snapshot) => {
      const { session } = snapshot.context;
      if (!session) return [];
      const kinds = snapshot.matches({ signedIn: { home: 'menuClosed' } })
        ? (Object.keys(deliverySummaries) as DeliveryKind[])
        : (['message'] as const);
      return kinds.map((kind) => ({
        type: 'DELIVERY_ARRIVED',
        delivery: {
          kind,
          summary: deliverySummaries[kind],
          inbox: { ...session.inbox, [inboxCountOf[kind]]: session.inbox[inboxCountOf[kind]] + 1 },
        },
      }));
    },
  };

  /** Each invoked actor's outcomes, by actor id: what the real server (or a failed network) answers. */
  const actorOutcomes: Record<string, Samples> = {
    // After a reload the server holds the session the machine knew, or, when its time ran out, none. As the app
    // opens, the browser holds no session, or one it kept (of someone who accepted the licence, or of someone
    // who has not yet), or one whose time ran out; or a cookie replayed after its session was logged out, or one
    // made up: the server opens nothing for either, and answers as for one run out.
    loadSession: ({ context }) => [
      ...(context.session
        ? [done('loadSession', { session: context.session, expired: false })]
        : [
            done('loadSession', { session: null, expired: false }),
            ...keptSessions().map((session) => done('loadSession', { session, expired: false })),
            ...(['replayed after a logout', 'forged'] as const).map((cookie) => ({
              ...done('loadSession', { session: null, expired: true }),
              cookie,
            })),
          ]),
      done('loadSession', { session: null, expired: true }),
      failed('loadSession', networkFailure),
    ],
    identify: ({ context }) => [
      done('identify', identificationOf(context.email, null)),
      // This client has used up its requests for the minute.
      failed('identify', { code: 'rateLimited' }),
      failed('identify', networkFailure),
    ],
    checkAccountNumber: ({ context }) => [
      personaOf(context.email)?.accounts.includes(context.accountNumber)
        ? done('checkAccountNumber', identificationOf(context.email, context.accountNumber))
        : failed('checkAccountNumber', { code: 'accountNumberMismatch' }),
      failed('checkAccountNumber', networkFailure),
    ],
    signIn: (snapshot) => {
      const { context } = snapshot;
      const persona = personaOf(context.email);
      // People without a password of their own (SSO users) never sign in with one.
      const view = persona?.hasPassword && viewOf(persona, context.accountNumber, memoryOf(snapshot));
      return [
        view ? done('signIn', view) : failed('signIn', { code: 'invalidCredentials' }),
        // The email has had ten failed passwords in a row: the server locks it, whatever this password is.
        failed('signIn', { code: 'lockedOut', retryAt: '2030-01-01T10:01:00.000Z' }),
        failed('signIn', networkFailure),
      ];
    },
    acceptLicence: ({ context }) => [
      done('acceptLicence', { ...context.session, licenceAccepted: true }),
      failed('acceptLicence', networkFailure),
    ],
    // A session from SSO at an account that signs out at the provider too: the browser goes there, or the provider
    // does not answer (it is down) and the user is told; any other session simply ends. Or the network fails.
    signOut: (snapshot) => [
      ...(memoryOf(snapshot).signsOutAtProvider
        ? [
            done('signOut', {
              providerSignOut: { url: 'http://provider.example/session/end', state: '(as sent)' },
            }),
            done('signOut', { providerSignOut: 'failed' }),
          ]
        : [done('signOut', { providerSignOut: null })]),
      failed('signOut', networkFailure),
    ],
    // The browser's prompt: the user allows, blocks, or closes it; or the app never got to ask (the network).
    askNotificationPermission: () => [
      ...(['granted', 'denied', 'dismissed'] as const).map((answer) =>
        done('askNotificationPermission', answer),
      ),
      failed('askNotificationPermission', networkFailure),
    ],
    // The account's provider is down: the server cannot even read its configuration. A provider that remembers
    // someone from earlier on the path sends the browser straight back: no trip whose page a test could see.
    startSso: (snapshot) =>
      answersOr('startSso', { url: 'http://provider.example/authorize' }, 'ssoFailed').slice(
        memoryOf(snapshot).signedInAtProvider ? 1 : 0,
      ),
    // The same answer, known email or not: only the per-IP limit or the network can make it fail.
    requestReset: () => answersOr('requestReset', undefined, 'rateLimited'),
    // The link works, or it has expired by the time it is checked (or used); or the network fails.
    checkResetLink: () => answersOr('checkResetLink', undefined, 'resetLinkInvalid'),
    resetPassword: () => answersOr('resetPassword', undefined, 'resetLinkInvalid'),
    completeSso: (snapshot) => {
      const { context } = snapshot;
      const persona = personaOf(context.email);
      const kept = memoryOf(snapshot);
      // Someone other than the user signed in at the provider: the server refuses the sign-in.
      const view = persona && !kept.providerImpostor && viewOf(persona, context.accountNumber, kept);
      const signsOutAtProvider =
        persona && accountOf(persona, context.accountNumber)?.logoutAtProvider === true;
      return [
        ...(view
          ? [{ ...done('completeSso', view), ...(signsOutAtProvider && { signsOutAtProvider }) }]
          : []),
        // The server refuses whoever else signed in at the provider; or, for the user, an answer whose state was
        // changed on its way back.
        failed(
          'completeSso',
          kept.providerImpostor ? { code: 'ssoFailed' } : { code: 'ssoFailed', how: stateChanged },
        ),
        failed('completeSso', networkFailure),
      ];
    },
  };

  /**
   * How the app opens for a path: its first session check answers before anyone signed in, so what it answers
   * is what the browser held as it opened (the session of whoever it names; for one run out, the first kept).
   */
  function openingOf(steps: Array<{ event: EventObject; state: Snapshot }>): OpeningEvent {
    const index = steps.findIndex(({ event }) => event.type === 'xstate.done.actor.loadSession');
    const [before, check] = [steps[index - 1], steps[index]];
    if (!before || !check || before.state.context.session) return INIT_EVENT as OpeningEvent;
    const { output, cookie } = check.event as unknown as { output: SessionCheck; cookie?: OpeningCookie };
    if (output.session) return { type: 'xstate.init', email: output.session.user.email, session: 'kept' };
    const first = keptSessions()[0];
    if (cookie === 'forged') return { type: 'xstate.init', session: 'forged' };
    if (output.expired && first)
      return {
        type: 'xstate.init',
        email: first.user.email,
        session: cookie === 'replayed after a logout' ? 'loggedOut' : 'expired',
      };
    return INIT_EVENT as OpeningEvent;
  }

  /** Every event worth trying from this snapshot that the machine would take. */
  function sampleEvents(snapshot: Snapshot): EventObject[] {
    const candidates: EventObject[] = [
      ...Object.values(userEventSamples).flatMap((samples) => samples(snapshot)),
      ...invokedActorIds(snapshot).flatMap((id) => actorOutcomes[id]?.(snapshot) ?? []),
    ];
    return candidates.filter((event) => snapshot.can(event));
  }

  return { sampleEvents, userEventSamples, getsResetMail, openingOf };
}
