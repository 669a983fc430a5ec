import { Field, ID, InputType, Int } from 'type-graphql';
import { EvaluationCriterion } from './evaluation.entity';

@InputType({ description: 'The verdict on one criterion.' })
export class CriterionResultInput {
  @Field(() => EvaluationCriterion, { description: 'The criterion judged.' })
  criterion: EvaluationCriterion;

  @Field({ description: 'Whether the platform meets it.' })
  passed: boolean;

  @Field(() => String, { nullable: true, description: "The evaluator's note (evidence, reasons)." })
  note?: string | null;
}

@InputType({ description: 'An evaluation of a platform against the four Permenko 3/2020 criteria.' })
export class PartnerEvaluationRecordInput {
  @Field(() => ID, { description: 'The platform evaluated.' })
  partnerId: string;

  @Field(() => Int, { description: 'Provinces (of 38) where the platform has users; national reach needs 26 or more.' })
  provincesReached: number;

  @Field(() => [CriterionResultInput], { description: 'Exactly one verdict for each of the four criteria.' })
  criteria: CriterionResultInput[];
}
