// Plain data shared by the seed and the generated tests' samples, so it carries no server-only guard.
import type { InboxKind } from './database';

export type DemoAccount = { number: string; name: string };

export type DemoUser = {
  name: string;
  email: string;
  password: string;
  /** The numbers of the customer accounts the user belongs to. */
  accounts: string[];
  /** Whether the user has accepted the licence already (false: they see it at their first sign-in). */
  licenceAccepted: boolean;
  waiting: Array<{ kind: InboxKind; summary: string }>;
};

/** SPEC.md's customer accounts. */
export const demoAccounts = {
  acme: { number: '100200', name: 'Acme' },
  globex: { number: '300400', name: 'Globex' },
} satisfies Record<string, DemoAccount>;

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
} satisfies Record<string, DemoUser>;
