import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { newId } from '../../../common/ids';
import { Evaluation } from '../evaluation/evaluation.entity';
import { Partner } from '../partner/partner.entity';

export enum ProbationOutcome {
  PASSED = 'PASSED',
  SUSPENDED_DEADLINE = 'SUSPENDED_DEADLINE',
  SUSPENDED_SECOND_FAILURE = 'SUSPENDED_SECOND_FAILURE',
  LEFT_ACTIVE = 'LEFT_ACTIVE',
}
registerEnumType(ProbationOutcome, {
  name: 'ProbationOutcome',
  description: 'How a probation ended.',
  valuesConfig: {
    PASSED: { description: 'A passing periodic review before the deadline ended it.' },
    SUSPENDED_DEADLINE: { description: 'The deadline passed without a passing review: the platform was suspended.' },
    SUSPENDED_SECOND_FAILURE: { description: 'A second failed review during the probation: the platform was suspended at once.' },
    LEFT_ACTIVE: { description: 'The office suspended or terminated the platform meanwhile; the probation lapsed with it.' },
  },
});

/**
 * A probation: an ACTIVE platform that failed a periodic review keeps selling but must pass another by the
 * deadline (PARTNER_PROBATION_DAYS). At most one is open per platform (a partial unique index).
 */
@ObjectType({ description: 'A probation after a failed periodic review: the platform keeps selling until the remediation deadline.' })
@Entity({ tableName: 'partner_probation' })
@Index({ name: 'partner_probation_open_idx', properties: ['deadline'] })
export class PartnerProbation {
  [OptionalProps]?: 'id' | 'endedAt' | 'outcome' | 'endingEvaluation';

  @Field(() => ID, { description: 'Opaque id of the probation.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Partner, { deleteRule: 'cascade' })
  partner: Partner;

  @Field(() => Evaluation, { description: 'The failed periodic review that started it.' })
  @ManyToOne(() => Evaluation)
  failedEvaluation: Evaluation;

  @Field({ description: 'When it started (the failed review).' })
  @Property({ type: 'timestamptz' })
  startedAt: Date;

  @Field({ description: 'By when a passing periodic review must be recorded; after it the platform is suspended.' })
  @Property({ type: 'timestamptz' })
  deadline: Date;

  @Field(() => Date, { nullable: true, description: 'When it ended; null while open.' })
  @Property({ type: 'timestamptz', nullable: true })
  endedAt: Date | null = null;

  @Field(() => ProbationOutcome, { nullable: true, description: 'How it ended; null while open.' })
  @Enum({ items: () => ProbationOutcome, nullable: true })
  outcome: ProbationOutcome | null = null;

  /** The review that ended it (passed, or failed a second time); null otherwise. */
  @ManyToOne(() => Evaluation, { nullable: true })
  endingEvaluation: Evaluation | null = null;
}
