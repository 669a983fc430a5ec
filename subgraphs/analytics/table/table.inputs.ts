import { Field, InputType, registerEnumType } from 'type-graphql';
import { DIMENSIONS, MEASURE_DEFINITIONS, MEASURES, type Dimension, type Measure } from './catalog';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const AnalyticsMeasure = enumOf(MEASURES);
export const AnalyticsDimension = enumOf(DIMENSIONS);

registerEnumType(AnalyticsMeasure, {
  name: 'AnalyticsMeasure',
  description:
    'What a table counts or sums. Each measure rests on one fact: participants, applications, applications refused at cohortApply, cards, purchases, ledger entries or incentive payouts.',
  valuesConfig: Object.fromEntries(MEASURES.map((m) => [m, { description: MEASURE_DEFINITIONS[m].description }])),
});

const DIMENSION_DESCRIPTIONS: Record<Dimension, string> = {
  COHORT:
    'Cohort (id; the label is its name). Purchases, ledger entries and incentive payouts count in the cohort of the participant’s latest card.',
  PROVINCE: 'Province code (BPS, two digits) of the participant’s NIK.',
  REGENCY: 'Regency or city code (BPS, four digits).',
  AGE_BAND: 'Age band this year: UNDER_18, AGE_18_24, AGE_25_34, AGE_35_44, AGE_45_54, AGE_55_PLUS.',
  SEX: 'MALE or FEMALE.',
  EDUCATION: 'Education status declared at registration.',
  PLATFORM: 'Digital platform that sold the course (partner id; the label is its name). Purchase measures only.',
  INSTITUTION: 'Training institution behind the course (id; label: its name). Purchase measures only.',
  COURSE: 'Course bought (id; the label is its title). Purchase measures only: prices, scores, completions per course.',
  CATEGORY: 'Course category. Purchase measures only.',
  MODE: 'Course mode: WEBINAR, SELF_PACED, OFFLINE. Purchase measures only.',
  SURVEY:
    'Survey a payout was paid for (TRAINING_EVALUATION, EMPLOYMENT_STATUS…; NONE for the post-training incentive). Incentive payout measures only.',
  DAY: 'Calendar day (Asia/Jakarta) of the fact: registration, application, refusal, card issue, purchase, ledger entry or payment of an incentive.',
  WEEK: 'Monday of the fact’s week (Asia/Jakarta).',
  MONTH: 'First day of the fact’s month (Asia/Jakarta).',
};

registerEnumType(AnalyticsDimension, {
  name: 'AnalyticsDimension',
  description: 'What a table is split or filtered by. Codes and ids only: no dimension identifies a person.',
  valuesConfig: Object.fromEntries(DIMENSIONS.map((d) => [d, { description: DIMENSION_DESCRIPTIONS[d] }])),
});

@InputType({ description: 'Keep only facts whose dimension takes one of the values.' })
export class AnalyticsFilter {
  @Field(() => AnalyticsDimension, { description: 'The dimension.' })
  dimension: Dimension;

  @Field(() => [String], { description: 'Accepted values (1 to 500), as the table reports them.' })
  values: string[];
}

@InputType({ description: 'A table to compute: measures split by dimensions, over the facts the filters keep.' })
export class AnalyticsTableInput {
  @Field(() => [AnalyticsMeasure], { description: 'Columns: one or more measures.' })
  measures: Measure[];

  @Field(() => [AnalyticsDimension], { defaultValue: [], description: 'Rows: up to 4 dimensions (none: the total alone).' })
  dimensions: Dimension[];

  @Field(() => [AnalyticsFilter], { defaultValue: [], description: 'Filters, all of which apply.' })
  filters: AnalyticsFilter[];

  @Field({ nullable: true, description: 'Only facts at or after this instant (each fact’s own time).' })
  from?: Date;

  @Field({ nullable: true, description: 'Only facts before this instant.' })
  to?: Date;
}
