import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { AnalyticsContext } from '../context';
import type { Dimension, Measure } from '../table/catalog';
import { AnalyticsDimension } from '../table/table.inputs';
import { answerTable } from '../table/table.resolver';
import { AnalyticsTable } from '../table/table.types';

/** The evidence for a platform's periodic evaluation: sales, money, voids and learning outcomes. */
export const SCORECARD_MEASURES: Measure[] = [
  'PURCHASES',
  'PURCHASERS',
  'SPEND',
  'REFUNDS',
  'VOIDS',
  'COMPLETIONS',
  'COMPLETION_RATE',
  'COMPLETIONS_TOO_EARLY',
  'MEDIAN_DAYS_TO_COMPLETE',
  'AVERAGE_SCORE',
];

/**
 * Each cohort's funnel: applied (or turned away at cohortApply) → selected → card issued → card active → bought a
 * course → completed one → paid the incentive.
 */
export const FUNNEL_MEASURES: Measure[] = [
  'APPLICATIONS',
  'APPLICATIONS_REFUSED',
  'SELECTED',
  'CARDS_ISSUED',
  'ACTIVE_CARDS',
  'PURCHASERS',
  'COMPLETERS',
  'INCENTIVE_RECIPIENTS',
];

/** Named views over the semantic layer: the same tables as analyticsTable, with their measures chosen. */
@Resolver()
export class AnalyticsViewsResolver {
  @Query(() => AnalyticsTable, {
    description:
      'Partner scorecard: per platform, purchases, spend, refunds, voids, completions, completion rate, completions reported too early, median days to complete, average score.',
  })
  partnerScorecard(
    @Arg('from', () => Date, { nullable: true, description: 'Purchases at or after this instant.' }) from: Date | undefined,
    @Arg('to', () => Date, { nullable: true, description: 'Purchases before this instant.' }) to: Date | undefined,
    @Arg('platformIds', () => [ID], { nullable: true, description: 'Only these platforms.' }) platformIds: string[] | undefined,
    @Arg('by', () => [AnalyticsDimension], {
      defaultValue: [],
      description: 'Further dimensions after PLATFORM, for example MONTH or CATEGORY.',
    })
    by: Dimension[],
    @Ctx() ctx: AnalyticsContext,
  ) {
    const filters = platformIds ? [{ dimension: 'PLATFORM' as const, values: platformIds }] : [];
    return answerTable(ctx, { measures: SCORECARD_MEASURES, dimensions: ['PLATFORM', ...by], filters, from, to });
  }

  @Query(() => AnalyticsTable, {
    description:
      'Cohort funnel: per cohort, applications, applications refused at cohortApply (each participant once), selected, cards issued, cards active, participants who bought a course, participants who completed one, participants paid the incentive.',
  })
  cohortFunnel(
    @Arg('cohortIds', () => [ID], { nullable: true, description: 'Only these cohorts.' }) cohortIds: string[] | undefined,
    @Arg('by', () => [AnalyticsDimension], {
      defaultValue: [],
      description: 'Further dimensions after COHORT, for example PROVINCE, AGE_BAND, SEX, EDUCATION.',
    })
    by: Dimension[],
    @Ctx() ctx: AnalyticsContext,
  ) {
    const filters = cohortIds ? [{ dimension: 'COHORT' as const, values: cohortIds }] : [];
    return answerTable(ctx, { measures: FUNNEL_MEASURES, dimensions: ['COHORT', ...by], filters });
  }
}
