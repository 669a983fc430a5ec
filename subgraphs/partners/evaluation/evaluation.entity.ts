import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { newId } from '../../../common/ids';
import { Partner } from '../partner/partner.entity';

/** The four criteria of Permenko 3/2020 that a platform must meet. */
export enum EvaluationCriterion {
  NATIONAL_REACH = 'NATIONAL_REACH',
  PAYMENT_INTEGRATION = 'PAYMENT_INTEGRATION',
  OWN_PORTAL = 'OWN_PORTAL',
  INSTITUTION_COOPERATION = 'INSTITUTION_COOPERATION',
}
registerEnumType(EvaluationCriterion, {
  name: 'EvaluationCriterion',
  description: 'A platform admission criterion of Permenko 3/2020.',
  valuesConfig: {
    NATIONAL_REACH: { description: 'National reach: users in at least 2/3 of the 38 provinces (26 or more).' },
    PAYMENT_INTEGRATION: { description: 'IT able to integrate Kartu Prakerja as a payment method.' },
    OWN_PORTAL: { description: 'Runs its own portal where participants choose and buy courses.' },
    INSTITUTION_COOPERATION: { description: 'Cooperates with training institutions that provide the courses.' },
  },
});

export enum EvaluationKind {
  INITIAL = 'INITIAL',
  PERIODIC = 'PERIODIC',
}
registerEnumType(EvaluationKind, {
  name: 'EvaluationKind',
  description: 'Why a platform was evaluated.',
  valuesConfig: {
    INITIAL: { description: 'Admission evaluation, before the MoU.' },
    PERIODIC: { description: 'Periodic review of an admitted (ACTIVE or SUSPENDED) platform.' },
  },
});

/** Number of provinces of Indonesia, and the 2/3 of them national reach requires. */
export const PROVINCE_COUNT = 38;
export const NATIONAL_REACH_MIN_PROVINCES = Math.ceil((PROVINCE_COUNT * 2) / 3);

@ObjectType({ description: 'The verdict on one criterion in an evaluation.' })
export class CriterionResult {
  @Field(() => EvaluationCriterion, { description: 'The criterion judged.' })
  criterion: EvaluationCriterion;

  @Field({ description: 'Whether the platform meets it.' })
  passed: boolean;

  @Field(() => String, { nullable: true, description: "The evaluator's note." })
  note: string | null;
}

@ObjectType({ description: 'One evaluation of a platform against the Permenko 3/2020 criteria (admission or periodic review).' })
@Entity({ tableName: 'evaluation' })
@Index({ properties: ['partner', 'evaluatedAt'] })
@Check({ name: 'evaluation_provinces_reached_check', expression: 'provinces_reached between 0 and 38' })
export class Evaluation {
  [OptionalProps]?: 'id' | 'evaluatedAt';

  @Field(() => ID, { description: 'Opaque id of the evaluation.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Partner, { deleteRule: 'cascade' })
  partner: Partner;

  @Field(() => EvaluationKind, { description: 'Admission or periodic review.' })
  @Enum({ items: () => EvaluationKind, nativeEnumName: 'evaluation_kind' })
  kind: EvaluationKind;

  @Field(() => Int, { description: `Provinces where the platform has users (0..${PROVINCE_COUNT}).` })
  @Property({ type: 'smallint' })
  provincesReached: number;

  @Field(() => [CriterionResult], { description: 'The verdict on each of the four criteria.' })
  @Property({ type: 'jsonb' })
  criteria: CriterionResult[];

  @Field({ description: 'Whether every criterion passed.' })
  @Property({ type: 'boolean' })
  passed: boolean;

  @Field({ description: 'Who recorded the evaluation (the programme-office user id).' })
  @Property({ type: 'text' })
  evaluator: string;

  @Field({ description: 'When the evaluation was recorded.' })
  @Property({ type: 'timestamptz' })
  evaluatedAt: Date = new Date();
}
