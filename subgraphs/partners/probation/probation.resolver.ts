import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { PartnersContext } from '../context';
import { Partner } from '../partner/partner.entity';
import { requireStaffOrOwnPartner } from '../partner/partner.access';
import { PartnerProbation } from './probation.entity';

/** The office and analysts; the platform itself, signed or through its staff (a `partnerStaff` token of its own). */
function requireProbationReader(identity: PartnersContext['identity'], partnerId: string): void {
  if (identity.role === 'partnerStaff' && identity.partnerId === partnerId) return;
  requireStaffOrOwnPartner(identity, partnerId, 'admin', 'analyst');
}

@Resolver(() => Partner)
export class PartnerProbationResolver {
  @FieldResolver(() => PartnerProbation, {
    nullable: true,
    description:
      'The open probation (after a failed periodic review; the platform still sells until its deadline); null when none. Admin, analyst, or the platform itself (and its staff).',
  })
  async probation(@Root() partner: Partner, @Ctx() { identity, loaders }: PartnersContext) {
    requireProbationReader(identity, partner.id);
    return (await loaders.probationsByPartner.load(partner.id)).find((p) => !p.endedAt) ?? null;
  }

  @FieldResolver(() => [PartnerProbation], {
    nullable: true,
    description:
      'Every probation of the platform, newest first, with how each ended. Admin, analyst, or the platform itself (and its staff).',
  })
  probations(@Root() partner: Partner, @Ctx() { identity, loaders }: PartnersContext) {
    requireProbationReader(identity, partner.id);
    return loaders.probationsByPartner.load(partner.id);
  }
}
