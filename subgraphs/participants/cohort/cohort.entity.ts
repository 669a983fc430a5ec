import { BigIntType, Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { newId } from '../../../common/ids';
import { Participant } from '../participant/participant.entity';

export enum ApplicationStatus {
  APPLIED = 'APPLIED',
  SELECTED = 'SELECTED',
  NOT_SELECTED = 'NOT_SELECTED',
  INELIGIBLE = 'INELIGIBLE',
}
registerEnumType(ApplicationStatus, {
  name: 'ApplicationStatus',
  description: "Outcome of a participant's application to a cohort.",
  valuesConfig: {
    APPLIED: { description: 'Waiting for the selection.' },
    SELECTED: { description: 'Selected: a Kartu Prakerja was issued.' },
    NOT_SELECTED: { description: 'Eligible but not drawn within the quota (or the family card cap was reached).' },
    INELIGIBLE: { description: 'Not eligible at selection time; see the reasons.' },
  },
});

export enum CohortStatus {
  UPCOMING = 'UPCOMING',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  SELECTED = 'SELECTED',
}
registerEnumType(CohortStatus, {
  name: 'CohortStatus',
  description: 'Where a cohort (gelombang) is, derived from its dates and whether the selection ran.',
  valuesConfig: {
    UPCOMING: { description: 'Applications not open yet.' },
    OPEN: { description: 'Accepting applications.' },
    CLOSED: { description: 'Applications closed; selection not run yet.' },
    SELECTED: { description: 'Selection done; cards issued.' },
  },
});

@ObjectType({
  description:
    'A registration wave (gelombang): participants apply while it is open, then a draw selects up to its quota, with a seed committed (published as a hash) when the cohort opened.',
})
@Entity({ tableName: 'cohort' })
@Check({ name: 'cohort_quota_positive', expression: 'quota > 0' })
@Check({ name: 'cohort_dates_ordered', expression: 'closes_at > opens_at' })
@Check({ name: 'cohort_balance_positive', expression: 'training_balance > 0' })
@Check({ name: 'cohort_incentive_positive', expression: 'incentive_amount > 0 and survey_amount >= 0' })
export class Cohort {
  [OptionalProps]?: 'id' | 'createdAt' | 'selectionSeed' | 'selectionSeedCommitment' | 'drawCutoffKey' | 'selectedAt' | 'recycledSeats';

  @Field(() => ID, { description: 'Opaque id of the cohort.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field({ description: 'Name, for example `Gelombang 12`.' })
  @Property({ type: 'text', unique: true })
  name: string;

  @Field(() => Int, { description: 'Most participants the selection takes, recycled seats taken at the opening included.' })
  @Property({ type: 'integer' })
  quota: number;

  @Field({ description: 'When applications open.' })
  @Property({ type: 'timestamptz' })
  opensAt: Date;

  @Field({ description: 'When applications close; the selection runs after this.' })
  @Property({ type: 'timestamptz' })
  closesAt: Date;

  /** Rupiah credited to each selected participant's wallet; exposed as Money by the resolver. */
  @Property({ type: new BigIntType('number') })
  trainingBalance: number;

  @Field(() => Int, { description: 'Days after selection within which a first course must be bought, else the card is revoked.' })
  @Property({ type: 'integer' })
  purchaseWindowDays: number;

  /** Chosen by the system when the cohort opens, secret until the draw; the resolver reveals it after. */
  @Property({ type: 'text', nullable: true })
  selectionSeed: string | null = null;

  @Field(() => String, {
    nullable: true,
    description:
      'SHA-256 (hex) of the selection seed, published from the moment the cohort opens: once the seed is revealed after the draw, anyone can check that it is the one fixed before any application, so no one could pick a seed that favours someone. Null for cohorts opened before seeds were committed.',
  })
  @Property({ type: 'text', nullable: true })
  selectionSeedCommitment: string | null = null;

  @Field(() => String, {
    nullable: true,
    description:
      'Draw key of the last applicant selected; null before the selection (or when no one was). Eligible applicants with a key at or below it were selected unless their family card was full (reason FAMILY_CARD_LIMIT); those above it were not, because the quota was full. Each applicant sees their own key on their application.',
  })
  @Property({ type: 'text', nullable: true })
  drawCutoffKey: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When the selection ran; null before.' })
  @Property({ type: 'timestamptz', nullable: true })
  selectedAt: Date | null = null;

  /** Post-training incentive of each participant who completes and reviews a first course (rupiah; Money in the graph). */
  @Property({ type: new BigIntType('number') })
  incentiveAmount: number;

  /** Paid for each survey answered (rupiah; 0 pays none). */
  @Property({ type: new BigIntType('number') })
  surveyAmount: number;

  /** Seats of revoked cards this cohort took at its opening, included in `quota` (cohort/recycling.ts). */
  @Property({ type: 'integer' })
  recycledSeats: number = 0;

  @Field({ description: 'When the cohort was opened by the programme office.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

@ObjectType({ description: "A participant's application to a cohort." })
@Entity({ tableName: 'application' })
@Unique({ properties: ['cohort', 'participant'] })
export class Application {
  [OptionalProps]?: 'id' | 'createdAt' | 'status' | 'reasons';

  @Field(() => ID, { description: 'Opaque id of the application.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Cohort, { deleteRule: 'cascade' })
  cohort: Cohort;

  @ManyToOne(() => Participant, { deleteRule: 'cascade' })
  @Index()
  participant: Participant;

  @Field(() => ApplicationStatus, { description: 'Outcome; APPLIED until the selection runs.' })
  @Enum({ items: () => ApplicationStatus, nativeEnumName: 'application_status' })
  status: ApplicationStatus = ApplicationStatus.APPLIED;

  /** Eligibility reason codes found at selection time (INELIGIBLE), or FAMILY_CARD_LIMIT when the draw hit the cap. */
  @Property({ type: 'text[]' })
  reasons: string[] = [];

  @Field({ description: 'When the participant applied.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
