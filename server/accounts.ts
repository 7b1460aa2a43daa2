import 'server-only';
import { randomUUID } from 'node:crypto';
import { database } from './database';

export type CustomerAccount = { id: string; number: string; name: string };

/** Creates the customer account with this number, or returns the one that exists. */
export async function ensureAccount({
  number,
  name,
}: {
  number: string;
  name: string;
}): Promise<CustomerAccount> {
  const db = database();
  await db
    .insertInto('customer_account')
    .values({ id: randomUUID(), number, name })
    .onConflict((conflict) => conflict.column('number').doNothing())
    .execute();
  return db.selectFrom('customer_account').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
}

/** Makes the user a member of the account; being one already is fine. */
export async function addMember(userId: string, accountId: string): Promise<void> {
  await database()
    .insertInto('account_member')
    .values({ user_id: userId, account_id: accountId })
    .onConflict((conflict) => conflict.columns(['user_id', 'account_id']).doNothing())
    .execute();
}

/** The customer accounts a user belongs to, by number. */
export async function accountsOf(userId: string): Promise<CustomerAccount[]> {
  return database()
    .selectFrom('customer_account')
    .innerJoin('account_member', 'account_member.account_id', 'customer_account.id')
    .select(['customer_account.id', 'customer_account.number', 'customer_account.name'])
    .where('account_member.user_id', '=', userId)
    .orderBy('customer_account.number')
    .execute();
}

export async function accountByNumber(number: string): Promise<CustomerAccount | undefined> {
  return database()
    .selectFrom('customer_account')
    .selectAll()
    .where('number', '=', number)
    .executeTakeFirst();
}

export async function accountById(id: string): Promise<CustomerAccount | undefined> {
  return database().selectFrom('customer_account').selectAll().where('id', '=', id).executeTakeFirst();
}
