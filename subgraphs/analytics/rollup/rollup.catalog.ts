import { MEASURES, type Base, type Dimension, type Measure, MEASURE_DEFINITIONS } from '../table/catalog';

/**
 * The dimensions each base is pre-aggregated by: every subset of them (a CUBE) is stored, so a table asking
 * for any of these dimensions, in any order, without filters or a time range, is read from the rollup instead
 * of the facts. Chosen for the questions asked most (the funnel by cohort, the scorecard by platform, spend by
 * platform and month, the demographic cross-tabs); four dimensions keep a CUBE at 16 grouping sets.
 */
export const ROLLUP_DIMENSIONS: Record<Base, Dimension[]> = {
  participants: ['PROVINCE', 'SEX', 'AGE_BAND', 'EDUCATION'],
  applications: ['COHORT', 'PROVINCE', 'SEX', 'AGE_BAND'],
  refusals: ['COHORT', 'PROVINCE', 'SEX', 'AGE_BAND'],
  cards: ['COHORT', 'PROVINCE', 'SEX', 'AGE_BAND'],
  purchases: ['PLATFORM', 'MONTH', 'COHORT', 'CATEGORY'],
  ledger: ['COHORT', 'PROVINCE', 'MONTH'],
  payouts: ['COHORT', 'PROVINCE', 'MONTH'],
};

/**
 * The rolled-up dimensions whose values split a base's participants into disjoint groups: each participant has
 * one value (their own province, sex, age band, education; for purchases and payouts the cohort of their latest
 * card). Cells of several such values add up exactly, distinct participants included, for additive measures.
 * Not cohorts of applications or refusals (one person applies to several), nor platforms, categories or months.
 */
export const SUMMABLE_DIMENSIONS: Record<Base, Dimension[]> = {
  participants: ['PROVINCE', 'SEX', 'AGE_BAND', 'EDUCATION'],
  applications: ['PROVINCE', 'SEX', 'AGE_BAND'],
  refusals: ['PROVINCE', 'SEX', 'AGE_BAND'],
  cards: ['PROVINCE', 'SEX', 'AGE_BAND'],
  purchases: ['COHORT'],
  ledger: ['PROVINCE'],
  payouts: ['COHORT', 'PROVINCE'],
};

/** The measures of a base, in catalogue order: the order of a rollup cell's values. */
export const measuresOf = (base: Base): Measure[] => MEASURES.filter((m) => MEASURE_DEFINITIONS[m].base === base);

/**
 * GROUPING() of the rollup's dimensions for the cells keyed by `dimensions` (a bit per rolled-up dimension,
 * the first the most significant), or undefined when one of them is not in the rollup.
 */
export function groupingOf(base: Base, dimensions: Dimension[]): number | undefined {
  const all = ROLLUP_DIMENSIONS[base];
  if (!dimensions.every((d) => all.includes(d))) return undefined;
  return all.reduce((bits, d, i) => (dimensions.includes(d) ? bits : bits | (1 << (all.length - 1 - i))), 0);
}

/** What a rollup cell's arrays mean: a build of another layout (older code) is never read, and is rebuilt. */
export const ROLLUP_LAYOUT = JSON.stringify(
  Object.entries(ROLLUP_DIMENSIONS).map(([base, dimensions]) => [base, dimensions, measuresOf(base as Base)]),
);
