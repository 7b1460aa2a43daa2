// The demo data as the samples see it, and the samples chosen against it: what the generated paths run on.
import { type DemoUser, demoAccounts, demoUsers } from '@/server/demoData';
import { createSamples, type SampleWorld } from './samples';

/** The seeded personas and accounts, without a password: safe to hand to the statechart page's browser. */
export const demoWorld: SampleWorld = {
  personas: (Object.values(demoUsers) as DemoUser[]).map(
    ({ password, idpPassword, waiting, ...persona }) => ({
      ...persona,
      waiting: waiting.map(({ kind }) => ({ kind })),
      hasPassword: password !== null,
      knownToProvider: idpPassword !== undefined,
    }),
  ),
  accounts: Object.values(demoAccounts),
};

export const demoSamples = createSamples(demoWorld);
