import { Migration } from '@mikro-orm/migrations';
import { outboxBackfillSql } from '../../../common/outbox-sql';

/*
 * Analytics projects `incentive.paid` from now on (the rupiah of incentives paid); until now it skipped the
 * type, so its cursor may already be past the events of payouts paid before. Each payout PAID now gets its
 * event again, the same payload at its own paid_at; the analytics fact is keyed by payoutId, so one it had
 * kept is not counted twice. (A database migrated before any payout was paid writes nothing here.)
 */
export class Migration20261205040000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      outboxBackfillSql(
        'participants',
        { type: 'incentive.paid', table: 'payout', occurredAt: 'paid_at', orderBy: 'r.paid_at, r.id' },
        `r.status = 'PAID'`,
      ),
    );
  }

  override async down(): Promise<void> {
    // The outbox is append-only: the events stay, and stay harmless (readers key them by payoutId).
  }
}
