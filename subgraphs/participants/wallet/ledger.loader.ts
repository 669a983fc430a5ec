import type { EntityManager } from '@mikro-orm/postgresql';
import { connectionLoader } from '../../../common/batched-connection';
import { SCHEMA } from '../sql';
import { LedgerEntry } from './wallet.entity';

/** Ledger pages of many wallets, newest first, with the same keyset as `paginate` (created_at, id). */
export const ledgerPageLoader = (em: EntityManager) =>
  connectionLoader(em, {
    entity: LedgerEntry,
    table: `${SCHEMA}.ledger_entry`,
    parentColumn: 'wallet_id',
    sortColumn: 'created_at',
    sortProperty: 'createdAt',
    direction: 'desc',
  });
