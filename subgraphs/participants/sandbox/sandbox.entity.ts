import { BigIntType, Check, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { newId } from '../../../common/ids';

/**
 * A test card of one sandbox platform: its own simulated balance, in a table no production path reads (not the
 * wallet, the ledger, statistics or the outbox), so a sandbox purchase can never move or be counted as real money.
 */
@Entity({ tableName: 'sandbox_card' })
@Check({ name: 'sandbox_card_balance_nonnegative', expression: 'balance >= 0' })
export class SandboxCard {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  @Index()
  partnerId: string;

  @Property({ type: 'text', unique: true })
  number: string;

  @Property({ type: new BigIntType('number') })
  balance: number;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
