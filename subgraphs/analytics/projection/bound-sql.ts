import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A statement with its parameters bound (sent apart from the text), in the entity manager's transaction.
 * `em.execute` writes every parameter into the SQL text, escaped character by character: for a page of
 * thousands of events passed as one JSON document, that escaping and the larger text cost more than the
 * statement itself. Placeholders are knex's `?`.
 */
export async function executeBound(em: EntityManager, sql: string, params: unknown[]): Promise<void> {
  const query = em
    .getConnection()
    .getKnex()
    .raw(sql, params as never[]);
  const trx = em.getTransactionContext();
  await (trx ? query.transacting(trx) : query);
}
