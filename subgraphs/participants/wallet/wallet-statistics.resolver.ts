import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { requireRole } from '../../../common/auth';
import { badInput } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { Money, toSafeInt } from '../../../common/scalars';
import { CardStatus } from '../card/card.entity';
import type { ParticipantsContext } from '../context';
import { SCHEMA, sql } from '../sql';
import { LedgerKind } from './wallet.entity';
import { heldNowSql } from './wallet.service';

@ObjectType({ description: 'All ledger entries of one kind.' })
class LedgerKindTotal {
  @Field(() => LedgerKind, { description: 'Why the money moved.' })
  kind: LedgerKind;

  @Field(() => Int, { description: 'Number of entries.' })
  entries: number;

  @Field(() => Money, { description: 'Sum of the entries (debits are negative).' })
  total: Money;
}

@ObjectType({ description: 'Cards in one status.' })
class CardStatusCount {
  @Field(() => CardStatus, { description: 'Card status.' })
  status: CardStatus;

  @Field(() => Int, { description: 'Number of cards.' })
  count: number;
}

@ObjectType({ description: 'Where the programme’s training money stands, from the wallets’ ledgers. No personal data.' })
class MoneyStatistics {
  @Field(() => [LedgerKindTotal], { description: 'Credits, purchases, refunds and revocations, each summed.' })
  byLedgerKind: LedgerKindTotal[];

  @Field(() => Money, { description: 'Sum of every wallet balance now (equals the sum of all ledger entries).' })
  outstandingBalance: Money;

  @Field(() => Money, {
    description:
      'Part of the outstanding balance reserved by purchases awaiting their OTP: ACTIVE holds not yet expired (expired holds awaiting the sweep do not count, as in available balances).',
  })
  heldAmount: Money;

  @Field(() => [CardStatusCount], { description: 'Cards by status.' })
  cardsByStatus: CardStatusCount[];

  @Field(() => Int, { description: 'Participants owed the post-training incentive (first course completed and reviewed), paid or not.' })
  incentiveDueCount: number;
}

/** Programme-level money aggregates for analysts: a handful of grouped queries, never per participant. */
@Resolver()
export class WalletStatisticsResolver {
  @Query(() => MoneyStatistics, {
    nullable: true,
    description: 'Training money credited, spent, refunded and returned, optionally for one cohort. Analysts and the programme office.',
    deprecationReason:
      'Scans the ledger on every call: use analyticsTable (CREDITED, SPEND, REFUNDS, FORFEITED_BALANCE, OUTSTANDING_BALANCE, ACTIVE_CARDS, INCENTIVES_DUE, by COHORT…), which reads the analytics read model with disclosure control.',
  })
  async moneyStatistics(
    @Arg('cohortId', () => ID, { nullable: true, description: 'Only the cards of this cohort.' }) cohortId: string | null,
    @Ctx() { identity, em }: ParticipantsContext,
  ): Promise<MoneyStatistics> {
    requireRole(identity, 'analyst', 'admin');
    if (cohortId && !isUuid(cohortId)) throw badInput('cohortId is not a cohort id', 'cohortId');
    const cards = `SELECT id, participant_id, status FROM ${SCHEMA}.card WHERE (?::uuid IS NULL OR cohort_id = ?::uuid)`;
    const args = [cohortId, cohortId];
    const [ledger, [wallets], statuses, [incentives]] = await Promise.all([
      sql<{ kind: LedgerKind; entries: string; total: string }>(
        em,
        `SELECT l.kind, count(*) AS entries, sum(l.amount) AS total FROM ${SCHEMA}.ledger_entry l JOIN (${cards}) c ON c.id = l.wallet_id GROUP BY 1`,
        args,
      ),
      sql<{ balance: string | null; held: string | null }>(
        em,
        `SELECT sum(w.balance) AS balance,
                sum(${heldNowSql('w')}) AS held
         FROM ${SCHEMA}.wallet w JOIN (${cards}) c ON c.id = w.card_id`,
        args,
      ),
      sql<{ status: CardStatus; n: string }>(em, `SELECT status, count(*) AS n FROM (${cards}) c GROUP BY 1`, args),
      sql<{ n: string }>(
        em,
        `SELECT count(*) AS n FROM ${SCHEMA}.participant p JOIN (${cards}) c ON c.participant_id = p.id WHERE p.incentive_status IN ('DUE', 'PAID', 'FAILED')`,
        args,
      ),
    ]);
    const byKind = new Map(ledger.map((row) => [row.kind, row]));
    return {
      byLedgerKind: Object.values(LedgerKind).map((kind) => ({
        kind,
        entries: Number(byKind.get(kind)?.entries ?? 0),
        total: Money.idr(toSafeInt(byKind.get(kind)?.total ?? 0)),
      })),
      outstandingBalance: Money.idr(toSafeInt(wallets.balance ?? 0)),
      heldAmount: Money.idr(toSafeInt(wallets.held ?? 0)),
      cardsByStatus: statuses.map((row) => ({ status: row.status, count: Number(row.n) })),
      incentiveDueCount: Number(incentives.n),
    };
  }
}
