import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { Dimension, Measure } from './catalog';
import { AnalyticsDimension, AnalyticsMeasure } from './table.inputs';

@ObjectType({ description: 'One measure in one row.' })
export class AnalyticsCell {
  @Field(() => AnalyticsMeasure, { description: 'The measure.' })
  measure: Measure;

  @Field(() => Float, {
    nullable: true,
    description: 'The value; null when suppressed (or, for a rate or median, when there is nothing to divide).',
  })
  value: number | null;

  @Field({ description: 'Withheld by disclosure control: it counts fewer than k participants, or could be derived from other cells.' })
  suppressed: boolean;
}

@ObjectType({ description: 'A dimension value of a row.' })
export class AnalyticsDimensionValue {
  @Field(() => AnalyticsDimension, { description: 'The dimension.' })
  dimension: Dimension;

  @Field({ description: 'The value: a code, an id, or a date (YYYY-MM-DD) for time dimensions.' })
  value: string;

  @Field(() => String, {
    nullable: true,
    description:
      'A readable name for ids (cohort, platform, institution, course) and region codes (province, regency: the official Kepmendagri names).',
  })
  label: string | null;
}

@ObjectType({ description: 'A row of a table: one combination of dimension values.' })
export class AnalyticsRow {
  @Field(() => [AnalyticsDimensionValue], { description: 'The row’s dimension values, in the order asked for.' })
  dimensions: AnalyticsDimensionValue[];

  @Field(() => [AnalyticsCell], { description: 'One cell per measure, in the order asked for.' })
  cells: AnalyticsCell[];
}

@ObjectType({ description: 'How far the read model is behind one source.' })
export class AnalyticsSourceFreshness {
  @Field({ description: 'The source subgraph.' })
  source: string;

  @Field(() => Float, { description: 'Events of this source projected so far.' })
  eventsProjected: number;

  @Field(() => Date, { nullable: true, description: 'When the last projected event happened.' })
  lastEventAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Everything this source had committed before this instant is in the read model.' })
  caughtUpAt: Date | null;

  @Field(() => Float, { nullable: true, description: 'Seconds since caughtUpAt; null before the first complete read.' })
  lagSeconds: number | null;
}

@ObjectType({ description: 'How fresh an answer is.' })
export class AnalyticsFreshness {
  @Field(() => Float, { nullable: true, description: 'Seconds the answer may be behind its sources (the largest source lag).' })
  lagSeconds: number | null;

  @Field(() => [AnalyticsSourceFreshness], { description: 'Each source’s position.' })
  sources: AnalyticsSourceFreshness[];
}

@ObjectType({ description: 'A computed table of aggregates, with small cells suppressed. Contains no personal data.' })
export class AnalyticsTable {
  @Field(() => [AnalyticsDimension], { description: 'The row dimensions.' })
  dimensions: Dimension[];

  @Field(() => [AnalyticsMeasure], { description: 'The measures (columns).' })
  measures: Measure[];

  @Field(() => [AnalyticsRow], { description: 'Rows with facts, ordered by their dimension values.' })
  rows: AnalyticsRow[];

  @Field(() => [AnalyticsCell], {
    description: 'Totals over all facts the filters keep (suppressed cells included), each suppressed below k.',
  })
  total: AnalyticsCell[];

  @Field(() => Int, { description: 'k: a cell counting fewer distinct participants than this is suppressed.' })
  minCellParticipants: number;

  @Field(() => AnalyticsFreshness, { description: 'How far behind its sources this answer is.' })
  freshness: AnalyticsFreshness;

  @Field({
    description: 'The same table as CSV (RFC 4180, CRLF): dimension columns, measure columns, a TOTAL row; suppressed cells empty.',
  })
  csv: string;
}
