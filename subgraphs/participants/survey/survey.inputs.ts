import { Field, InputType, Int } from 'type-graphql';
import { SurveyCode } from './survey.catalog';

@InputType({ description: 'The caller’s answers to one survey.' })
export class SurveyResponseSubmitInput {
  @Field(() => SurveyCode, { description: 'The survey.' })
  survey: SurveyCode;

  @Field(() => [Int], { description: 'One score from 1 to 5 per question of the survey, in order (see `Incentive.surveys`).' })
  answers: number[];
}
