// Plain data shared by the seed and the generated tests' samples, so it carries no server-only guard.
import type { InboxKind } from './database';

export type DemoUser = {
  name: string;
  email: string;
  password: string;
  waiting: Array<{ kind: InboxKind; summary: string }>;
};

/** SPEC.md's demo data; README.md lists the same sign-ins. */
export const demoUsers = {
  ada: {
    name: 'Ada Lovelace',
    email: 'ada@acme.test',
    password: 'Ada-demo-pass-1',
    waiting: [
      { kind: 'missedCall', summary: 'Charles Babbage, 09:12' },
      { kind: 'missedCall', summary: 'Mary Somerville, 10:47' },
      { kind: 'message', summary: 'Charles: the engine drawings are ready' },
      { kind: 'message', summary: 'Mary: lunch on Thursday?' },
      { kind: 'message', summary: 'IT: your new handset has shipped' },
      { kind: 'meetingInvitation', summary: 'Analytical Engine review, Monday 14:00' },
    ],
  },
  grace: { name: 'Grace Hopper', email: 'grace@acme.test', password: 'Grace-demo-pass-1', waiting: [] },
  alan: { name: 'Alan Turing', email: 'alan@acme.test', password: 'Alan-demo-pass-1', waiting: [] },
} satisfies Record<string, DemoUser>;
