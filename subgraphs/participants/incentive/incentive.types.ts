import { Field, ObjectType } from 'type-graphql';
import { IncentiveStatus } from '../participant/participant.enums';
import { SurveyCode } from '../survey/survey.catalog';
import { SurveyResponse } from '../survey/survey.entity';

/** Reached only through the guarded `Participant.incentive`, so its fields need no further check. */
@ObjectType({
  description: 'A participant’s post-training incentive: what is owed, its payouts, and what was paid (the incentive ledger).',
})
export class Incentive {
  participantId: string;

  @Field(() => IncentiveStatus, { description: 'Where the training incentive stands.' })
  status: IncentiveStatus;
}

@ObjectType({ description: 'One of the programme’s surveys, as the participant stands with it.' })
export class IncentiveSurvey {
  participantId: string;

  @Field(() => SurveyCode, { description: 'The survey.' })
  survey: SurveyCode;

  @Field(() => [String], { description: 'Its questions, each answered with a score from 1 to 5.' })
  questions: readonly string[];

  @Field(() => SurveyResponse, { nullable: true, description: 'The participant’s answers; null before.' })
  response: SurveyResponse | null;
}
