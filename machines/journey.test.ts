import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createActor, fromPromise, type InspectionEvent, waitFor } from 'xstate';
import { journeyChart } from './chart';
import { initialJourneyContext, journeyMachine } from './journey';
import {
  type Credentials,
  type Identification,
  type IdentifyInput,
  JourneyFailure,
  type LiveDelivery,
  type NotificationChoice,
  type PermissionAnswer,
  providerReplyFrom,
  type ResumedSignIn,
  type SessionCheck,
  type SessionView,
  type SignInMethods,
  type SignOutAnswer,
  type SignOutTrip,
  type SsoRedirect,
} from './journeyTypes';
import { isJourneyTransition, transitionsTakenIn } from './traffic';

const ada: SessionView = {
  user: { name: 'Ada Lovelace', email: 'ada@acme.test' },
  account: { name: 'Acme', number: '100200' },
  inbox: { missedCalls: 2, unreadMessages: 3, meetingInvitations: 1 },
  licenceAccepted: true,
};

/** The machine with fake server actors; `signInCalls` records what reached the "server". */
function startJourney({
  session = null as SessionView | null,
  methods = { sso: false, password: true } as SignInMethods,
  signIn = async (_: Credentials): Promise<SessionView> => ada,
  signOut = async (): Promise<SignOutAnswer> => ({ providerSignOut: null }),
  inspect = undefined as ((inspected: InspectionEvent) => void) | undefined,
} = {}) {
  const signInCalls: Credentials[] = [];
  const trips: Array<{ url: string; resume: ResumedSignIn }> = [];
  const signOutTrips: Array<{ url: string; trip: SignOutTrip }> = [];
  const actor = createActor(
    journeyMachine.provide({
      actions: {
        goToProvider: (_, trip) => trips.push(trip),
        goToProviderSignOut: (_, trip) => signOutTrips.push(trip),
      },
      actors: {
        startSso: fromPromise(async () => ({ url: 'https://idp.example/authorize?state=s' })),
        completeSso: fromPromise<SessionView, { query: string }>(async ({ input }) => {
          if (!input.query.includes('code=')) throw new JourneyFailure('ssoFailed');
          return { ...ada, licenceAccepted: false };
        }),
        loadSession: fromPromise<SessionCheck>(async () => ({ session, expired: false })),
        identify: fromPromise<Identification, IdentifyInput>(async () => ({ next: 'method', methods })),
        acceptLicence: fromPromise(async () => ada),
        signIn: fromPromise(async ({ input }: { input: Credentials }) => {
          signInCalls.push(input);
          return signIn(input);
        }),
        signOut: fromPromise(async () => signOut()),
      },
    }),
    { inspect },
  ).start();
  return { actor, signInCalls, trips, signOutTrips };
}

/** The state the callback page resumes in: waiting at the provider, knowing nothing yet. */
const atProviderSnapshot = () =>
  journeyMachine.resolveState({ value: { signedOut: 'atProvider' }, context: initialJourneyContext });

async function toPasswordStep(actor: ReturnType<typeof startJourney>['actor'], email = 'Ada@Acme.test ') {
  await waitFor(actor, (state) => state.matches({ signedOut: 'welcome' }));
  actor.send({ type: 'SIGN_IN' });
  actor.send({ type: 'SUBMIT_EMAIL', email });
  await waitFor(actor, (state) => !state.matches({ signedOut: 'identifying' }));
}

describe('the sign-in journey', () => {
  it('opens on the welcome page when this browser has no session', async () => {
    const { actor } = startJourney();
    const state = await waitFor(actor, (s) => !s.matches('checkingSession'));
    assert.ok(state.matches({ signedOut: 'welcome' }));
  });

  it('goes straight home when the server still has a session', async () => {
    const { actor } = startJourney({ session: ada });
    const state = await waitFor(actor, (s) => s.matches('signedIn'));
    assert.deepEqual(state.context.session, ada);
  });

  it('refuses a malformed email without asking the server', async () => {
    const { actor, signInCalls } = startJourney();
    await toPasswordStep(actor, 'ada.acme.test');
    const state = actor.getSnapshot();
    assert.ok(state.matches({ signedOut: 'identify' }));
    assert.equal(state.context.problem, 'invalidEmail');
    assert.equal(signInCalls.length, 0);
  });

  it('refuses an empty password without asking the server', async () => {
    const { actor, signInCalls } = startJourney();
    await toPasswordStep(actor);
    actor.send({ type: 'SUBMIT_PASSWORD', password: '' });
    assert.equal(actor.getSnapshot().context.problem, 'passwordRequired');
    assert.equal(signInCalls.length, 0);
  });

  it('sends the trimmed, lower-cased email and keeps the password out of its context', async () => {
    const { actor, signInCalls } = startJourney();
    await toPasswordStep(actor);
    actor.send({ type: 'SUBMIT_PASSWORD', password: 'Ada-demo-pass-1' });
    const state = await waitFor(actor, (s) => s.matches('signedIn'));
    assert.deepEqual(signInCalls, [
      { email: 'ada@acme.test', password: 'Ada-demo-pass-1', accountNumber: null },
    ]);
    assert.ok(!JSON.stringify(state.context).includes('Ada-demo-pass-1'));
  });

  it('says the credentials are wrong, and nothing more, when the server refuses them', async () => {
    const { actor } = startJourney({
      signIn: async () => {
        throw new JourneyFailure('invalidCredentials');
      },
    });
    await toPasswordStep(actor);
    actor.send({ type: 'SUBMIT_PASSWORD', password: 'wrong' });
    const state = await waitFor(actor, (s) => s.matches({ signedOut: 'method' }));
    assert.equal(state.context.problem, 'invalidCredentials');
  });

  it('treats any other failure as the server being unreachable, and lets the user try again', async () => {
    let attempts = 0;
    const { actor } = startJourney({
      signIn: async () => {
        attempts += 1;
        if (attempts === 1) throw new TypeError('Failed to fetch');
        return ada;
      },
    });
    await toPasswordStep(actor);
    actor.send({ type: 'SUBMIT_PASSWORD', password: 'Ada-demo-pass-1' });
    const failed = await waitFor(actor, (s) => s.matches({ signedOut: 'method' }));
    assert.equal(failed.context.problem, 'unavailable');
    actor.send({ type: 'SUBMIT_PASSWORD', password: 'Ada-demo-pass-1' });
    await waitFor(actor, (s) => s.matches('signedIn'));
  });

  it('signs out to the welcome page with a notice, forgetting the user', async () => {
    const { actor } = startJourney({ session: ada });
    await waitFor(actor, (s) => s.matches('signedIn'));
    actor.send({ type: 'OPEN_MENU' });
    actor.send({ type: 'LOGOUT' });
    const state = await waitFor(actor, (s) => s.matches('signedOut'));
    assert.equal(state.context.notice, 'signedOut');
    assert.equal(state.context.session, null);
  });

  it('goes on to sign out at the provider where the server says so, keeping the notice for the way back', async () => {
    const providerSignOut = { url: 'https://idp.example/session/end?state=s', state: 's' };
    const { actor, signOutTrips } = startJourney({
      session: ada,
      signOut: async () => ({ providerSignOut }),
    });
    await waitFor(actor, (s) => s.matches('signedIn'));
    actor.send({ type: 'OPEN_MENU' });
    actor.send({ type: 'LOGOUT' });
    const away = await waitFor(actor, (s) => s.matches('signingOutAtProvider'));
    assert.equal(away.context.session, null, 'the user is forgotten before the browser leaves');
    assert.deepEqual(signOutTrips, [{ url: providerSignOut.url, trip: { state: 's', notice: 'signedOut' } }]);
    // The page the provider sends back to starts afresh there, with what the trip kept.
    const back = () =>
      createActor(journeyMachine, {
        snapshot: journeyMachine.resolveState({
          value: 'signingOutAtProvider',
          context: initialJourneyContext,
        }),
      }).start();
    const confirmed = back();
    confirmed.send({ type: 'PROVIDER_SIGNED_OUT', confirmed: true, notice: 'licenceDeclined' });
    assert.ok(confirmed.getSnapshot().matches({ signedOut: 'welcome' }));
    assert.equal(confirmed.getSnapshot().context.notice, 'licenceDeclined');
    const unconfirmed = back();
    unconfirmed.send({ type: 'PROVIDER_SIGNED_OUT', confirmed: false, notice: 'signedOut' });
    assert.equal(unconfirmed.getSnapshot().context.notice, 'providerSignOutFailed');
  });

  it('says so when the provider could not be asked to sign the user out: signed out of the app all the same', async () => {
    const { actor, signOutTrips } = startJourney({
      session: ada,
      signOut: async () => ({ providerSignOut: 'failed' }),
    });
    await waitFor(actor, (s) => s.matches('signedIn'));
    actor.send({ type: 'OPEN_MENU' });
    actor.send({ type: 'LOGOUT' });
    const state = await waitFor(actor, (s) => s.matches({ signedOut: 'welcome' }));
    assert.equal(state.context.notice, 'providerSignOutFailed');
    assert.equal(state.context.session, null);
    assert.deepEqual(signOutTrips, []);
  });

  it('stays signed in and says so when signing out fails', async () => {
    const { actor } = startJourney({
      session: ada,
      signOut: async () => {
        throw new JourneyFailure('unavailable');
      },
    });
    await waitFor(actor, (s) => s.matches('signedIn'));
    actor.send({ type: 'OPEN_MENU' });
    actor.send({ type: 'LOGOUT' });
    const state = await waitFor(actor, (s) => s.matches({ signedIn: { home: 'menuClosed' } }));
    assert.equal(state.context.problem, 'signOutFailed');
  });

  it('offers only what the account allows: no password where SSO is enforced, no SSO where there is none', async () => {
    const ssoOnly = startJourney({ methods: { sso: true, password: false } });
    await toPasswordStep(ssoOnly.actor);
    assert.equal(ssoOnly.actor.getSnapshot().can({ type: 'SUBMIT_PASSWORD', password: 'x' }), false);
    assert.equal(ssoOnly.actor.getSnapshot().can({ type: 'START_SSO' }), true);
    const passwordOnly = startJourney();
    await toPasswordStep(passwordOnly.actor);
    assert.equal(passwordOnly.actor.getSnapshot().can({ type: 'START_SSO' }), false);
  });

  it('keeps who is signing in before it leaves for the provider, and carries on with it when back', async () => {
    const { actor, trips } = startJourney({ methods: { sso: true, password: true } });
    await toPasswordStep(actor);
    actor.send({ type: 'START_SSO' });
    await waitFor(actor, (s) => s.matches({ signedOut: 'atProvider' }));
    assert.deepEqual(trips, [
      {
        url: 'https://idp.example/authorize?state=s',
        resume: { email: 'ada@acme.test', accountNumber: null, methods: { sso: true, password: true } },
      },
    ]);
    // The page the provider sends the browser back to: a new machine, resumed in the state it left.
    const back = createActor(actor.logic, { snapshot: atProviderSnapshot() }).start();
    back.send({
      type: 'PROVIDER_RETURNED',
      reply: providerReplyFrom('code=c&state=s'),
      resumed: trips[0]?.resume ?? null,
    });
    const signedIn = await waitFor(back, (s) => s.matches('signedIn'));
    assert.ok(
      signedIn.matches({ signedIn: { licence: 'unchecked' } }),
      'the licence comes first for SSO users too',
    );
    assert.equal(signedIn.context.email, 'ada@acme.test');
  });

  it('ends on the SSO error when the provider refuses, and offers Try again only when it knows whom to retry', () => {
    const refused = providerReplyFrom('error=access_denied&state=s');
    assert.deepEqual(refused, { kind: 'refused', error: 'access_denied' });
    const kept = createActor(journeyMachine, { snapshot: atProviderSnapshot() }).start();
    const resumed = {
      email: 'linus@globex.test',
      accountNumber: null,
      methods: { sso: true, password: true },
    };
    kept.send({ type: 'PROVIDER_RETURNED', reply: refused, resumed });
    assert.ok(kept.getSnapshot().matches({ signedOut: 'ssoFailed' }));
    assert.equal(kept.getSnapshot().context.problem, 'ssoFailed');
    assert.equal(kept.getSnapshot().can({ type: 'RETRY' }), true);
    const forgotten = createActor(journeyMachine, { snapshot: atProviderSnapshot() }).start();
    forgotten.send({ type: 'PROVIDER_RETURNED', reply: refused, resumed: null });
    assert.equal(forgotten.getSnapshot().can({ type: 'RETRY' }), false);
    forgotten.send({ type: 'BACK' });
    assert.ok(forgotten.getSnapshot().matches({ signedOut: 'identify' }));
  });

  it('reads a callback without code or state, or too long, as a refusal', () => {
    assert.deepEqual(providerReplyFrom('code=c'), { kind: 'refused', error: 'invalid_response' });
    assert.deepEqual(providerReplyFrom(`code=c&state=${'s'.repeat(5000)}`), {
      kind: 'refused',
      error: 'invalid_response',
    });
    assert.deepEqual(providerReplyFrom('?code=c&state=s&iss=x'), {
      kind: 'code',
      query: 'code=c&state=s&iss=x',
    });
  });

  it('asks for a reset link from the password step, and answers the same whoever asked', async () => {
    const requested: string[] = [];
    const actor = createActor(
      journeyMachine.provide({
        actors: {
          loadSession: fromPromise<SessionCheck>(async () => ({ session: null, expired: false })),
          identify: fromPromise<Identification, IdentifyInput>(async () => ({
            next: 'method',
            methods: { sso: false, password: true },
          })),
          requestReset: fromPromise<void, { email: string }>(async ({ input }) => {
            requested.push(input.email);
          }),
        },
      }),
    ).start();
    await toPasswordStep(actor);
    actor.send({ type: 'FORGOT_PASSWORD' });
    actor.send({ type: 'SUBMIT_RESET_REQUEST', email: 'not-an-email' });
    assert.equal(actor.getSnapshot().context.problem, 'invalidEmail');
    actor.send({ type: 'SUBMIT_RESET_REQUEST', email: ' Ada@Acme.test' });
    await waitFor(actor, (s) => s.matches({ signedOut: { passwordReset: 'resetRequested' } }));
    assert.deepEqual(requested, ['ada@acme.test']);
  });

  it('opens a reset link afresh, checks the new password twice, and ends on sign-in with a notice', async () => {
    const resets: Array<{ token: string; password: string }> = [];
    const actor = createActor(
      journeyMachine.provide({
        actors: {
          checkResetLink: fromPromise<void, { token: string }>(async () => {}),
          resetPassword: fromPromise<void, { token: string; password: string }>(async ({ input }) => {
            resets.push(input);
          }),
        },
      }),
      { snapshot: journeyMachine.resolveState({ value: 'checkingSession', context: initialJourneyContext }) },
    ).start();
    actor.send({ type: 'RESET_LINK_OPENED', token: 'T0k3nT0k3nT0k3nT0k3nT0k3' });
    await waitFor(actor, (s) => s.matches({ signedOut: { passwordReset: 'newPassword' } }));
    actor.send({ type: 'SUBMIT_NEW_PASSWORD', password: 'short', confirmation: 'short' });
    assert.equal(actor.getSnapshot().context.problem, 'passwordTooShort');
    actor.send({ type: 'SUBMIT_NEW_PASSWORD', password: 'long enough one', confirmation: 'long enough two' });
    assert.equal(actor.getSnapshot().context.problem, 'passwordsDiffer');
    actor.send({ type: 'SUBMIT_NEW_PASSWORD', password: 'long enough one', confirmation: 'long enough one' });
    const done = await waitFor(actor, (s) => s.matches({ signedOut: 'welcome' }));
    assert.deepEqual(resets, [{ token: 'T0k3nT0k3nT0k3nT0k3nT0k3', password: 'long enough one' }]);
    assert.equal(done.context.notice, 'passwordChanged');
    assert.equal(done.context.resetToken, null);
    assert.ok(
      !JSON.stringify(done.context).includes('long enough'),
      'the new password never enters the context',
    );
  });

  it('hands each server step what the user gave it, and nothing else', async () => {
    const inputs: Array<[string, unknown]> = [];
    const recording = <Input, Output>(name: string, output: (input: Input) => Output) =>
      fromPromise<Output, Input>(async ({ input }) => {
        inputs.push([name, input]);
        return output(input);
      });
    const sso = { sso: true, password: false };
    const actor = createActor(
      journeyMachine.provide({
        actions: { goToProvider: () => {} },
        actors: {
          loadSession: fromPromise<SessionCheck>(async () => ({ session: null, expired: false })),
          // The account number is checked by the identify step again, now with the number.
          identify: recording(
            'identify',
            (input: IdentifyInput): Identification =>
              input.accountNumber ? { next: 'method', methods: sso } : { next: 'accountNumber' },
          ),
          startSso: recording<IdentifyInput, SsoRedirect>('startSso', () => ({
            url: 'https://idp.example/authorize',
          })),
          completeSso: recording<{ query: string }, SessionView>('completeSso', () => ada),
          checkResetLink: recording<{ token: string }, void>('checkResetLink', () => {}),
        },
      }),
      // A browser that answered about notifications on an earlier visit: the sign-in goes straight home.
      { input: { notifications: 'notNow' } },
    ).start();
    await waitFor(actor, (s) => s.matches({ signedOut: 'welcome' }));
    actor.send({ type: 'SIGN_IN' });
    actor.send({ type: 'SUBMIT_EMAIL', email: ' Alan@Acme.test' });
    await waitFor(actor, (s) => s.matches({ signedOut: 'accountNumber' }));
    actor.send({ type: 'SUBMIT_ACCOUNT_NUMBER', accountNumber: ' 300400 ' });
    await waitFor(actor, (s) => s.matches({ signedOut: 'method' }));
    assert.deepEqual(actor.getSnapshot().context.methods, sso);
    actor.send({ type: 'START_SSO' });
    await waitFor(actor, (s) => s.matches({ signedOut: 'atProvider' }));
    actor.send({
      type: 'PROVIDER_RETURNED',
      reply: providerReplyFrom('code=c&state=s'),
      resumed: { email: 'alan@acme.test', accountNumber: '300400', methods: sso },
    });
    await waitFor(actor, (s) => s.matches({ signedIn: 'home' }));
    const opened = createActor(actor.logic, {
      snapshot: journeyMachine.resolveState({ value: 'checkingSession', context: initialJourneyContext }),
    }).start();
    opened.send({ type: 'RESET_LINK_OPENED', token: 'T0k3nT0k3nT0k3nT0k3nT0k3' });
    await waitFor(opened, (s) => s.matches({ signedOut: { passwordReset: 'newPassword' } }));
    const alan = { email: 'alan@acme.test', accountNumber: '300400' };
    assert.deepEqual(inputs, [
      ['identify', { email: 'alan@acme.test', accountNumber: null }],
      ['identify', alan],
      ['startSso', alan],
      ['completeSso', { query: 'code=c&state=s' }],
      ['checkResetLink', { token: 'T0k3nT0k3nT0k3nT0k3nT0k3' }],
    ]);
  });

  it('describes every state for product owners', () => {
    const undescribed: string[] = [];
    const visit = (node: typeof journeyMachine.root) => {
      const description: unknown = node.meta?.description;
      if (node.parent && !(typeof description === 'string' && description.trim().length > 20))
        undescribed.push(node.id);
      for (const child of Object.values(node.states)) visit(child);
    };
    visit(journeyMachine.root);
    assert.deepEqual(undescribed, []);
  });
});

describe('asking about notifications', () => {
  /** A first sign-in with a password on a browser that kept `notifications`; `answer` is its prompt's. */
  function signInOnBrowser(
    notifications: NotificationChoice | null,
    answer: () => Promise<PermissionAnswer> = async () => 'granted',
  ) {
    const kept: NotificationChoice[] = [];
    const actor = createActor(
      journeyMachine.provide({
        actions: { keepNotificationChoice: (_, { choice }) => kept.push(choice) },
        actors: {
          loadSession: fromPromise<SessionCheck>(async () => ({ session: null, expired: false })),
          identify: fromPromise<Identification, IdentifyInput>(async () => ({
            next: 'method',
            methods: { sso: false, password: true },
          })),
          signIn: fromPromise(async () => ada),
          signOut: fromPromise<SignOutAnswer>(async () => ({ providerSignOut: null })),
          askNotificationPermission: fromPromise(answer),
        },
      }),
      { input: { notifications } },
    ).start();
    return { actor, kept };
  }

  async function signIn(actor: ReturnType<typeof signInOnBrowser>['actor']) {
    await toPasswordStep(actor);
    actor.send({ type: 'SUBMIT_PASSWORD', password: 'Ada-demo-pass-1' });
    return waitFor(actor, (s) => !s.matches({ signedOut: 'signingIn' }));
  }

  it('asks on the first sign-in on a browser, and the browser keeps what its prompt answered', async () => {
    for (const answer of ['granted', 'denied', 'dismissed'] as const) {
      const { actor, kept } = signInOnBrowser(null, async () => answer);
      assert.ok((await signIn(actor)).matches({ signedIn: { permissions: 'offered' } }));
      actor.send({ type: 'ALLOW_NOTIFICATIONS' });
      assert.ok(actor.getSnapshot().matches({ signedIn: { permissions: 'asking' } }));
      const home = await waitFor(actor, (s) => s.matches({ signedIn: 'home' }));
      assert.equal(home.context.notifications, answer);
      assert.deepEqual(kept, [answer]);
    }
  });

  it('goes home on Not now, and keeps that too, so that the screen never comes back', async () => {
    const { actor, kept } = signInOnBrowser(null);
    await signIn(actor);
    actor.send({ type: 'SKIP_NOTIFICATIONS' });
    assert.ok(actor.getSnapshot().matches({ signedIn: 'home' }));
    assert.deepEqual(kept, ['notNow']);
    actor.send({ type: 'OPEN_MENU' });
    actor.send({ type: 'LOGOUT' });
    await waitFor(actor, (s) => s.matches({ signedOut: 'welcome' }));
    assert.equal(actor.getSnapshot().context.notifications, 'notNow', 'kept by the browser, not by the user');
    assert.ok((await signIn(actor)).matches({ signedIn: 'home' }));
  });

  it('never asks a browser that answered before, whatever it answered', async () => {
    for (const notifications of ['granted', 'denied', 'dismissed', 'notNow'] as const) {
      const { actor, kept } = signInOnBrowser(notifications);
      assert.ok((await signIn(actor)).matches({ signedIn: 'home' }));
      assert.deepEqual(kept, []);
    }
  });

  it('asks only after the licence is accepted, on a first sign-in ever', async () => {
    const { actor } = signInOnBrowser(null);
    const newcomer = createActor(
      actor.logic.provide({
        actors: {
          signIn: fromPromise<SessionView, Credentials>(async () => ({ ...ada, licenceAccepted: false })),
          acceptLicence: fromPromise(async () => ada),
        },
      }),
    ).start();
    assert.ok((await signIn(newcomer)).matches({ signedIn: 'licence' }));
    newcomer.send({ type: 'CHECK_LICENCE_BOX' });
    newcomer.send({ type: 'CONFIRM_LICENCE' });
    const asked = await waitFor(newcomer, (s) => !s.matches({ signedIn: 'acceptingLicence' }));
    assert.ok(asked.matches({ signedIn: { permissions: 'offered' } }));
  });

  it('does not ask when the app opens on a session kept from before: that is no sign-in', async () => {
    const { actor } = startJourney({ session: ada });
    const state = await waitFor(actor, (s) => !s.matches('checkingSession'));
    assert.ok(state.matches({ signedIn: 'home' }));
    assert.equal(state.context.notifications, null);
  });

  it('offers Allow again, with the failure, when the app could not get ready to ask', async () => {
    const { actor, kept } = signInOnBrowser(null, async () => {
      throw new JourneyFailure('unavailable');
    });
    await signIn(actor);
    actor.send({ type: 'ALLOW_NOTIFICATIONS' });
    const back = await waitFor(actor, (s) => !s.matches({ signedIn: { permissions: 'asking' } }));
    assert.ok(back.matches({ signedIn: { permissions: 'offered' } }));
    assert.equal(back.context.problem, 'unavailable');
    assert.equal(back.context.notifications, null);
    assert.deepEqual(kept, []);
  });
});

describe('what arrives while the page is open', () => {
  const message = {
    kind: 'message' as const,
    summary: 'New message from Alan Turing',
    inbox: { ...ada.inbox, unreadMessages: ada.inbox.unreadMessages + 1 },
  };

  it('joins the home’s counts and is announced, and is forgotten with the user at logout', async () => {
    const { actor } = startJourney({ session: ada });
    await waitFor(actor, (s) => s.matches({ signedIn: 'home' }));
    actor.send({ type: 'DELIVERY_ARRIVED', delivery: message });
    const told = actor.getSnapshot();
    assert.ok(told.matches({ signedIn: { home: 'menuClosed' } }));
    assert.deepEqual(told.context.session?.inbox, message.inbox);
    assert.equal(told.context.announcement, 'New message from Alan Turing');
    actor.send({ type: 'OPEN_MENU' });
    actor.send({ type: 'LOGOUT' });
    const out = await waitFor(actor, (s) => s.matches({ signedOut: 'welcome' }));
    assert.equal(out.context.announcement, null);
  });

  for (const notifications of ['granted', 'denied', 'dismissed', null] as const) {
    it(`asks the system to show it ${notifications === 'granted' ? 'where' : 'nowhere but the page when'} the browser answered ${notifications}`, async () => {
      const notified: LiveDelivery[] = [];
      const actor = createActor(
        journeyMachine.provide({
          actions: { notifySystem: (_, { delivery }) => notified.push(delivery) },
          actors: { loadSession: fromPromise<SessionCheck>(async () => ({ session: ada, expired: false })) },
        }),
        { input: { notifications } },
      ).start();
      await waitFor(actor, (s) => s.matches({ signedIn: 'home' }));
      actor.send({ type: 'DELIVERY_ARRIVED', delivery: message });
      const shown = notifications === 'granted' ? [message] : [];
      assert.deepEqual(notified, shown);
      assert.equal(actor.getSnapshot().context.systemNotification, shown[0]?.summary ?? null);
      assert.equal(actor.getSnapshot().context.announcement, message.summary);
    });
  }

  it('is nothing the journey takes before the licence is accepted', async () => {
    const { actor } = startJourney({ session: { ...ada, licenceAccepted: false } });
    await waitFor(actor, (s) => s.matches({ signedIn: 'licence' }));
    assert.equal(actor.getSnapshot().can({ type: 'DELIVERY_ARRIVED', delivery: message }), false);
  });
});

describe('the traffic the journey reports for the statechart page', () => {
  const byChart = new Map(journeyChart().transitions.map((transition) => [transition.id, transition]));

  it('is each transition the machine takes, once, in order, by its id on the chart: nothing else it inspects', async () => {
    const reported: string[] = [];
    const { actor } = startJourney({
      signIn: async ({ password }) => {
        if (password !== 'right') throw new JourneyFailure('invalidCredentials');
        return ada;
      },
      inspect: (inspected) => reported.push(...transitionsTakenIn(inspected)),
    });
    await waitFor(actor, (state) => state.matches({ signedOut: 'welcome' }));
    actor.send({ type: 'SIGN_IN' });
    actor.send({ type: 'SUBMIT_EMAIL', email: 'ada@acme.test' });
    await waitFor(actor, (state) => state.matches({ signedOut: 'method' }));
    actor.send({ type: 'SUBMIT_PASSWORD', password: 'wrong' });
    await waitFor(actor, (state) => state.context.problem === 'invalidCredentials');
    actor.send({ type: 'SUBMIT_PASSWORD', password: 'right' });
    await waitFor(actor, (state) => state.matches('signedIn'));
    // An event the machine does not take where it is: no transition, nothing reported.
    actor.send({ type: 'SIGN_IN' });
    assert.deepEqual(
      reported.map((id) => byChart.get(id)?.event),
      [
        'xstate.done.actor.loadSession',
        'SIGN_IN',
        'SUBMIT_EMAIL',
        'xstate.done.actor.identify',
        'SUBMIT_PASSWORD',
        'xstate.error.actor.signIn',
        'SUBMIT_PASSWORD',
        'xstate.done.actor.signIn',
      ],
    );
    assert.ok(reported.every(isJourneyTransition));
  });

  it('knows the chart ids, and no other', () => {
    assert.ok(isJourneyTransition([...byChart.keys()][0] as string));
    assert.equal(isJourneyTransition('journey on xstate.init #0'), false);
    assert.equal(isJourneyTransition(''), false);
  });
});
