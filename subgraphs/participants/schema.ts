import { outboxFeedResolver } from '../../common/outbox-feed';
import { buildFederatedSchema } from '../../common/federation';
import { AccessLogResolver, PersonalDataAccessResolver } from './access-log/access-log.resolver';
import { CardResolver } from './card/card.resolver';
import { ApplicationResolver, CohortResolver } from './cohort/cohort.resolver';
import { QuotaRecyclingResolver } from './cohort/recycling.resolver';
import { ComplaintCaseResolver } from './complaint/complaint.resolver';
import { InboxResolver } from './inbox/inbox.resolver';
import { IncentiveResolver, ParticipantIncentiveResolver } from './incentive/incentive.resolver';
import { IncentiveLedgerEntryResolver, PayoutAccountResolver, PayoutResolver } from './payout/payout.resolver';
import { SurveyResolver } from './survey/survey.resolver';
import type { ParticipantsContext } from './context';
import { CardEligibilityResolver } from './eligibility/card-eligibility.resolver';
import { ParticipantFieldsResolver } from './participant/participant-fields.resolver';
import { ParticipantResolver, resolveParticipantReference } from './participant/participant.resolver';
import { StatisticsResolver } from './participant/statistics.resolver';
import { WalletStatisticsResolver } from './wallet/wallet-statistics.resolver';
import { InternalResolver } from './internal-api/internal-api.resolver';
import { SandboxInternalResolver } from './sandbox/sandbox-internal.resolver';
import { SandboxCardResolver } from './sandbox/sandbox.resolver';
import { LedgerEntryResolver, WalletViewResolver } from './wallet/wallet.resolver';

/** Resolvers for federation `_entities` lookups: through the per-request loader, with the same access rule as the queries. */
const referenceResolvers = {
  Participant: { __resolveReference: (ref: { id: string }, ctx: ParticipantsContext) => resolveParticipantReference(ref, ctx) },
};

export const buildParticipantsSchema = () =>
  buildFederatedSchema(
    {
      resolvers: [
        outboxFeedResolver('participants', ['analytics', 'courses']),
        ParticipantResolver,
        ParticipantFieldsResolver,
        AccessLogResolver,
        PersonalDataAccessResolver,
        StatisticsResolver,
        WalletStatisticsResolver,
        CohortResolver,
        ApplicationResolver,
        CardResolver,
        WalletViewResolver,
        LedgerEntryResolver,
        CardEligibilityResolver,
        InboxResolver,
        ParticipantIncentiveResolver,
        IncentiveResolver,
        PayoutResolver,
        PayoutAccountResolver,
        IncentiveLedgerEntryResolver,
        SurveyResolver,
        QuotaRecyclingResolver,
        ComplaintCaseResolver,
        InternalResolver,
        SandboxCardResolver,
        SandboxInternalResolver,
      ],
    },
    referenceResolvers,
  );
