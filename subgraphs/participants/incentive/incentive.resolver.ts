import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Money } from '../../../common/scalars';
import type { ParticipantsContext } from '../context';
import { Participant } from '../participant/participant.entity';
import { IncentiveLedgerEntry, Payout, PayoutAccount } from '../payout/payout.entity';
import { SURVEYS, type SurveyCode } from '../survey/survey.catalog';
import { Incentive, IncentiveSurvey } from './incentive.types';

const sum = (rows: Array<{ amount: number }>) => rows.reduce((total, row) => total + row.amount, 0);

@Resolver(() => Participant)
export class ParticipantIncentiveResolver {
  @FieldResolver(() => Incentive, {
    nullable: true,
    description:
      'The post-training incentive: status, amounts, payouts and the incentive ledger. Self and programme office only (each office read is recorded); FORBIDDEN for anyone else.',
  })
  incentive(@Root() p: Participant, @Ctx() { personalData }: ParticipantsContext) {
    personalData.allow(p.id, 'incentive');
    return Object.assign(new Incentive(), { participantId: p.id, status: p.incentiveStatus });
  }

  @FieldResolver(() => PayoutAccount, {
    nullable: true,
    description:
      'The verified e-wallet or bank account incentives are paid to; null before one is registered. Self and programme office only (each office read is recorded).',
  })
  payoutAccount(@Root() p: Participant, @Ctx() { personalData, loaders }: ParticipantsContext) {
    personalData.allow(p.id, 'payoutAccount');
    return loaders.payoutAccount.load(p.id);
  }
}

@Resolver(() => Incentive)
export class IncentiveResolver {
  @FieldResolver(() => Money, { nullable: true, description: 'The training incentive of the participant’s cohort; null before selection.' })
  async amount(@Root() incentive: Incentive, @Ctx() { loaders }: ParticipantsContext) {
    const amounts = await loaders.incentiveAmounts.load(incentive.participantId);
    return amounts && Money.idr(amounts.training);
  }

  @FieldResolver(() => Money, {
    nullable: true,
    description: 'Paid for each survey answered, in the participant’s cohort; null before selection.',
  })
  async surveyAmount(@Root() incentive: Incentive, @Ctx() { loaders }: ParticipantsContext) {
    const amounts = await loaders.incentiveAmounts.load(incentive.participantId);
    return amounts && Money.idr(amounts.survey);
  }

  @FieldResolver(() => Money, { description: 'Everything owed so far: the sum of the payouts, paid or not.' })
  async owedAmount(@Root() incentive: Incentive, @Ctx() { loaders }: ParticipantsContext) {
    return Money.idr(sum(await loaders.payoutsByParticipant.load(incentive.participantId)));
  }

  @FieldResolver(() => Money, { description: 'Everything paid: the sum of the incentive ledger.' })
  async paidAmount(@Root() incentive: Incentive, @Ctx() { loaders }: ParticipantsContext) {
    return Money.idr(sum(await loaders.incentiveLedgerByParticipant.load(incentive.participantId)));
  }

  @FieldResolver(() => [Payout], { description: 'One payout per incentive (training, each survey), oldest first.' })
  payouts(@Root() incentive: Incentive, @Ctx() { loaders }: ParticipantsContext) {
    return loaders.payoutsByParticipant.load(incentive.participantId);
  }

  @FieldResolver(() => [IncentiveLedgerEntry], {
    description: 'The incentive ledger, oldest first: one entry per payout paid. Apart from the training balance’s ledger.',
  })
  ledger(@Root() incentive: Incentive, @Ctx() { loaders }: ParticipantsContext) {
    return loaders.incentiveLedgerByParticipant.load(incentive.participantId);
  }

  @FieldResolver(() => [IncentiveSurvey], { description: 'The programme’s surveys, each with the participant’s answers once given.' })
  async surveys(@Root() incentive: Incentive, @Ctx() { loaders }: ParticipantsContext) {
    const responses = await loaders.surveyResponsesByParticipant.load(incentive.participantId);
    return (Object.keys(SURVEYS) as SurveyCode[]).map((survey) =>
      Object.assign(new IncentiveSurvey(), {
        participantId: incentive.participantId,
        survey,
        questions: SURVEYS[survey],
        response: responses.find((r) => r.survey === survey) ?? null,
      }),
    );
  }
}
