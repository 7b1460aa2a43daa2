// npm run deliver -- --to ada@acme.test --kind message [--from "Grace Hopper"]: an item arrives for a user, signed in or not.
import { runAdminCommand } from './adminCommand';
import { parseDelivery } from './deliveryArgs';

await runAdminCommand(
  () => parseDelivery(process.argv.slice(2)),
  async ({ to, kind, summary }) => {
    const { deliverTo } = await import('@/server/inbox');
    if (!(await deliverTo(to, kind, summary))) throw new Error(`No user has the email ${to}.`);
    return `Delivered (${kind}) to ${to}: "${summary}". It waits on their home.`;
  },
);
