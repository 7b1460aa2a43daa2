// Plain data shared by the seed and the generated tests' samples, so it carries no server-only guard.
import type { InboxKind } from './database';
import { SSO_CALLBACK_PATH, SSO_SIGNED_OUT_PATH } from './ssoPages';

/** How an account's people sign in: password only, SSO offered beside the password, or SSO only. */
export type DemoSignIn = 'password' | 'sso' | 'ssoOnly';

export type DemoAccount = {
  number: string;
  name: string;
  signIn: DemoSignIn;
  /** Its administrator turned on logout at the provider: a logout ends the provider's session too. */
  logoutAtProvider?: boolean;
};

export type DemoUser = {
  name: string;
  email: string;
  /** The user's own password with this app; null for people who only ever sign in through their provider. */
  password: string | null;
  /** Their password at the demo identity provider, for people it knows. */
  idpPassword?: string;
  /** The User Principal Name their account's administrator recorded (Azure users sign in with it), if any. */
  upn?: string;
  /** The numbers of the customer accounts the user belongs to. */
  accounts: string[];
  /** Whether the user has accepted the licence already (false: they see it at their first sign-in). */
  licenceAccepted: boolean;
  waiting: Array<{ kind: InboxKind; summary: string }>;
};

/** SPEC.md's customer accounts. */
export const demoAccounts = {
  acme: { number: '100200', name: 'Acme', signIn: 'password' },
  globex: { number: '300400', name: 'Globex', signIn: 'sso' },
  initech: { number: '500600', name: 'Initech', signIn: 'ssoOnly', logoutAtProvider: true },
} satisfies Record<string, DemoAccount>;

/**
 * The demo identity provider (idp/) and the client the demo seed registers with it. Demo values, like the
 * demo passwords: a real account's administrator sets their own with `npm run sso`.
 */
export const demoIdentityProvider = {
  clientId: 'relay-one-demo',
  clientSecret: 'relay-one-demo-client-secret-not-for-production',
  /** The issuer the demo provider answers as, and so the one the demo seed configures. */
  issuer: (env: Record<string, string | undefined> = process.env) =>
    env.IDP_ISSUER ?? `http://127.0.0.1:${env.IDP_PORT ?? '3200'}`,
  /**
   * The client as the provider registers it: the app at each of these addresses (one server, a cluster behind its
   * load balancer), and the pages of each the provider may send back to.
   */
  clientOf: (...appBaseUrls: Array<string | URL>) => ({
    clientId: demoIdentityProvider.clientId,
    clientSecret: demoIdentityProvider.clientSecret,
    redirectUris: appBaseUrls.map((base) => new URL(SSO_CALLBACK_PATH, base).href),
    postLogoutRedirectUris: appBaseUrls.map((base) => new URL(SSO_SIGNED_OUT_PATH, base).href),
  }),
};

/** The demo persona a name stands for: their email, or the User Principal Name they sign in with. */
export function demoPersonaNamed(name: string): DemoUser | undefined {
  return (Object.values(demoUsers) as DemoUser[]).find(
    (persona) => persona.email === name || persona.upn === name,
  );
}

/** The demo mailbox (mailbox/): where the demo's mail goes unless SMTP_URL says otherwise. */
export const demoMailbox = {
  port: (env: Record<string, string | undefined> = process.env) => env.MAILBOX_PORT ?? '2525',
  smtpUrl: (env: Record<string, string | undefined> = process.env) =>
    `smtp://127.0.0.1:${env.MAILBOX_PORT ?? '2525'}`,
};

/** SPEC.md's demo users; README.md lists the same sign-ins. */
export const demoUsers = {
  ada: {
    name: 'Ada Lovelace',
    email: 'ada@acme.test',
    password: 'Ada-demo-pass-1',
    accounts: [demoAccounts.acme.number],
    licenceAccepted: true,
    waiting: [
      { kind: 'missedCall', summary: 'Charles Babbage, 09:12' },
      { kind: 'missedCall', summary: 'Mary Somerville, 10:47' },
      { kind: 'message', summary: 'Charles: the engine drawings are ready' },
      { kind: 'message', summary: 'Mary: lunch on Thursday?' },
      { kind: 'message', summary: 'IT: your new handset has shipped' },
      { kind: 'meetingInvitation', summary: 'Analytical Engine review, Monday 14:00' },
    ],
  },
  grace: {
    name: 'Grace Hopper',
    email: 'grace@acme.test',
    password: 'Grace-demo-pass-1',
    accounts: [demoAccounts.acme.number],
    licenceAccepted: false,
    waiting: [{ kind: 'message', summary: 'IT: welcome to Relay One' }],
  },
  alan: {
    name: 'Alan Turing',
    email: 'alan@acme.test',
    password: 'Alan-demo-pass-1',
    accounts: [demoAccounts.acme.number, demoAccounts.globex.number],
    licenceAccepted: true,
    waiting: [{ kind: 'missedCall', summary: 'Globex front desk, 08:30' }],
  },
  linus: {
    name: 'Linus Torvalds',
    email: 'linus@globex.test',
    upn: 'linus@globex.onmicrosoft.test',
    password: null,
    idpPassword: 'Linus-idp-pass-1',
    accounts: [demoAccounts.globex.number],
    licenceAccepted: false,
    waiting: [{ kind: 'meetingInvitation', summary: 'Kernel summit planning, Friday 10:00' }],
  },
  margaret: {
    name: 'Margaret Hamilton',
    email: 'margaret@initech.test',
    password: null,
    idpPassword: 'Margaret-idp-pass-1',
    accounts: [demoAccounts.initech.number],
    licenceAccepted: true,
    waiting: [{ kind: 'missedCall', summary: 'Apollo guidance desk, 11:20' }],
  },
} satisfies Record<string, DemoUser>;
