import { Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { isAdmin, requireRole } from '../../../common/auth';
import { Money } from '../../../common/scalars';
import type { ParticipantsContext } from '../context';
import { Cohort } from './cohort.entity';
import { pendingRecycledSeats, recyclingTotals, type RecyclingTotals } from './recycling';

@ObjectType({
  description:
    "Quota freed by a cohort's cards revoked at their purchase deadline: each seat goes to a later draw, the forfeited balance back to the state.",
})
class CohortQuotaRecycling {
  @Field(() => Int, { description: "This cohort's cards revoked at the purchase deadline (each frees one seat)." })
  revokedCards: number;

  @Field(() => Money, { description: 'Training balance those cards forfeited, returned to the state.' })
  forfeitedBalance: Money;

  @Field(() => Int, { description: 'How many of those seats later cohorts have taken so far.' })
  reusedSeats: number;

  @Field(() => Int, {
    description: "Recycled seats of earlier cohorts' revoked cards that this cohort took at its opening (included in its quota).",
  })
  seatsGained: number;
}

@ObjectType({ description: 'Quota recycling programme-wide.' })
class QuotaRecyclingSummary {
  @Field(() => Int, { description: 'Cards revoked at the purchase deadline, all cohorts.' })
  revokedCards: number;

  @Field(() => Money, { description: 'Balance they forfeited, returned to the state.' })
  forfeitedBalance: Money;

  @Field(() => Int, { description: 'Seats a later cohort has taken.' })
  reusedSeats: number;

  @Field(() => Int, { description: 'Seats waiting for the next cohort opened with `includeRecycledQuota`, whose quota they raise.' })
  pendingSeats: number;
}

const EMPTY: RecyclingTotals = { revokedCards: 0, forfeitedBalance: 0, reusedSeats: 0 };

@Resolver(() => Cohort)
export class QuotaRecyclingResolver {
  @FieldResolver(() => CohortQuotaRecycling, {
    nullable: true,
    description: 'Seats freed by revoked cards and reused by draws. Programme office only (null for others).',
  })
  async quotaRecycling(@Root() cohort: Cohort, @Ctx() { identity, loaders }: ParticipantsContext) {
    if (!isAdmin(identity)) return null;
    const t = (await loaders.recycling.load(cohort.id)) ?? EMPTY;
    return Object.assign(new CohortQuotaRecycling(), {
      ...t,
      forfeitedBalance: Money.idr(t.forfeitedBalance),
      seatsGained: cohort.recycledSeats,
    });
  }

  @Query(() => QuotaRecyclingSummary, {
    name: 'quotaRecycling',
    nullable: true,
    description:
      'Quota recycled from revoked cards, programme-wide: the next cohort opened with `includeRecycledQuota` adds `pendingSeats` to its quota. Programme office only.',
  })
  async quotaRecyclingSummary(@Ctx() { identity, em }: ParticipantsContext) {
    requireRole(identity, 'admin');
    const [totals, pending] = await Promise.all([recyclingTotals(em, null), pendingRecycledSeats(em)]);
    const t = totals.get('*') ?? EMPTY;
    return Object.assign(new QuotaRecyclingSummary(), { ...t, forfeitedBalance: Money.idr(t.forfeitedBalance), pendingSeats: pending });
  }
}
