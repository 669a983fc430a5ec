import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../../common/pagination';
import { CohortStatus } from './cohort.entity';
import { SafeInt } from '../../../common/scalars';

@InputType({ description: 'A new cohort (gelombang).' })
export class CohortOpenInput {
  @Field({ description: 'Unique name, for example `Gelombang 12`.' })
  name: string;

  @Field(() => Int, { description: 'Most participants the selection takes.' })
  quota: number;

  @Field({ description: 'When applications open.' })
  opensAt: Date;

  @Field({ description: 'When applications close.' })
  closesAt: Date;

  @Field(() => SafeInt, {
    nullable: true,
    description: 'Rupiah credited to each selected participant; defaults to the configured 3,500,000.',
  })
  trainingBalance?: number | null;

  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Post-training incentive paid to each participant who completes and reviews a first course; defaults to the configured 600,000.',
  })
  incentiveAmount?: number | null;

  @Field(() => SafeInt, {
    nullable: true,
    description: 'Rupiah paid for each survey answered; defaults to the configured 50,000 (0 pays none).',
  })
  surveyAmount?: number | null;

  @Field(() => Int, { nullable: true, description: 'Days after selection to buy a first course; defaults to the configured 15.' })
  purchaseWindowDays?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Take every pending recycled seat (cards revoked at their purchase deadline, see `quotaRecycling`) and add it to the quota. Default false.',
  })
  includeRecycledQuota?: boolean | null;
}

@InputType({ description: 'Apply to a cohort.' })
export class CohortApplyInput {
  @Field(() => ID, { description: 'The open cohort.' })
  cohortId: string;
}

@InputType({ description: 'Run the selection of a closed cohort.' })
export class CohortSelectInput {
  @Field(() => ID, { description: 'The closed cohort. The draw uses the seed committed when it opened: no one chooses it now.' })
  cohortId: string;
}

@ArgsType()
export class CohortsArgs extends PageArgs {
  @Field(() => CohortStatus, { nullable: true, description: 'Only cohorts in this status (OPEN: those taking applications).' })
  status?: CohortStatus | null;
}
