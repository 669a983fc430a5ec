import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireRole } from '../../../common/auth';
import { UserError } from '../../../common/errors';
import { Connection, paginate } from '../../../common/pagination';
import type { PartnersContext } from '../context';
import { Partner, PartnerStatus, PartnerStatusChange } from './partner.entity';
import { PartnerTransitionInput } from './partner.inputs';
import { transitionPartner } from './partner.service';

@ObjectType({ description: 'A page of partner platforms.' })
class PartnerConnection extends Connection(Partner, 'Partner', 'partner platform') {}

@ObjectType({ description: 'Result of a partner lifecycle mutation.' })
class PartnerPayload {
  @Field(() => Partner, { nullable: true, description: 'The platform after the change (unchanged when refused).' })
  partner: Partner | null;

  @Field(() => [UserError], { description: 'Why the change was refused; empty on success.' })
  userErrors: UserError[];
}

@ArgsType()
class PartnersArgs {
  @Field(() => Int, { description: 'Page size; capped at 100.' })
  first: number;

  @Field(() => String, { nullable: true, description: 'Cursor of the item after which the page starts.' })
  after?: string | null;

  @Field(() => PartnerStatus, { nullable: true, description: 'Only platforms in this status.' })
  status?: PartnerStatus | null;
}

@Resolver(() => Partner)
export class PartnerResolver {
  @Query(() => PartnerConnection, { description: 'Partner platforms, oldest application first. Public.' })
  partners(@Args() { first, after, status }: PartnersArgs, @Ctx() { em }: PartnersContext) {
    return paginate(em, Partner, status ? { status } : {}, { first, after, sortBy: 'createdAt', direction: 'asc' });
  }

  @Query(() => Partner, { nullable: true, description: 'One platform by id. Public.' })
  partner(@Arg('id', () => ID, { description: 'Id of the platform.' }) id: string, @Ctx() { loaders }: PartnersContext) {
    return loaders.partner.load(id);
  }

  @FieldResolver(() => [PartnerStatusChange], { description: 'Every lifecycle transition, oldest first. Admin only.' })
  async statusHistory(@Root() partner: Partner, @Ctx() { em, identity }: PartnersContext) {
    requireRole(identity, 'admin');
    return em.find(PartnerStatusChange, { partner: partner.id }, { orderBy: { changedAt: 'asc' } });
  }

  @Mutation(() => PartnerPayload, { description: 'Suspends an ACTIVE platform: it can no longer sell. Admin only.' })
  partnerSuspend(@Arg('input', () => PartnerTransitionInput, { description: 'Which platform and why.' }) input: PartnerTransitionInput, @Ctx() { em, identity }: PartnersContext) {
    requireRole(identity, 'admin');
    return transitionPartner(em, input.partnerId, PartnerStatus.SUSPENDED, identity.subject ?? 'admin', input.reason);
  }
}
