// npm run deliver -- --to ada@acme.test --kind message [--from "Grace Hopper"]: an item arrives for a user, signed in or not.
import { type Delivery, parseDelivery } from './deliveryArgs';

let delivery: Delivery;
try {
  delivery = parseDelivery(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const { migrate } = await import('@/server/migrations');
const { deliverTo } = await import('@/server/inbox');
await migrate();
if (!(await deliverTo(delivery.to, delivery.kind, delivery.summary))) {
  console.error(`No user has the email ${delivery.to}.`);
  process.exit(1);
}
console.log(`Delivered (${delivery.kind}) to ${delivery.to}: "${delivery.summary}". It waits on their home.`);
process.exit(0);
