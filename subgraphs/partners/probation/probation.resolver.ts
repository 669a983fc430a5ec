import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { PartnersContext } from '../context';
import { Partner } from '../partner/partner.entity';
import { requireStaffOrOwnPartner } from '../partner/partner.access';
import { PartnerProbation } from './probation.entity';

@Resolver(() => Partner)
export class PartnerProbationResolver {
  @FieldResolver(() => PartnerProbation, {
    nullable: true,
    description:
      'The open probation (after a failed periodic review; the platform still sells until its deadline); null when none. Admin, analyst, or the platform itself.',
  })
  async probation(@Root() partner: Partner, @Ctx() { identity, loaders }: PartnersContext) {
    requireStaffOrOwnPartner(identity, partner.id, 'admin', 'analyst');
    return (await loaders.probationsByPartner.load(partner.id)).find((p) => !p.endedAt) ?? null;
  }

  @FieldResolver(() => [PartnerProbation], {
    nullable: true,
    description: 'Every probation of the platform, newest first, with how each ended. Admin, analyst, or the platform itself.',
  })
  probations(@Root() partner: Partner, @Ctx() { identity, loaders }: PartnersContext) {
    requireStaffOrOwnPartner(identity, partner.id, 'admin', 'analyst');
    return loaders.probationsByPartner.load(partner.id);
  }
}
