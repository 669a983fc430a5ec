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

/** The measures of a base, in catalogue order: the order of a rollup cell's parts. */
export const measuresOf = (base: Base): Measure[] => MEASURES.filter((m) => MEASURE_DEFINITIONS[m].base === base);

/**
 * How a rollup cell holds a measure: SQL parts that add up over disjoint sets of participants, and the value
 * and participants read back from them. Because a projected page changes only its own participants' facts, the
 * cells are kept current by adding, for those participants, the parts after the page minus the parts before.
 * `buildOnly`: the value part cannot be added to (a median), so a delta leaves it alone (null) and only a full
 * build refreshes it; an answer that reads it is as fresh as that build.
 */
export interface RollupForm {
  parts: string[];
  buildOnly?: boolean;
  read(parts: Array<number | null>): { value: number | null; participants: number };
}

const COMPLETED = `enrollment_status = 'COMPLETED'`;
const NOT_VOIDED = `enrollment_status IS DISTINCT FROM 'CANCELLED'`;
const distinct = (condition: string) => `count(DISTINCT pid) FILTER (WHERE ${condition})`;
// A mean or a rate is its sum and its count, each of which adds up.
const ratioOf = (parts: Array<number | null>) => (parts[1] ? parts[0]! / parts[1] : null);

const FORMS: Partial<Record<Measure, RollupForm>> = {
  COMPLETION_RATE: {
    parts: [`count(*) FILTER (WHERE ${COMPLETED})`, `count(*) FILTER (WHERE ${NOT_VOIDED})`, distinct(COMPLETED), distinct(NOT_VOIDED)],
    read: (p) => ({ value: ratioOf(p), participants: Math.min(p[2]!, p[3]!) }),
  },
  AVERAGE_SCORE: {
    parts: [`coalesce(sum(score) FILTER (WHERE ${COMPLETED}), 0)`, `count(score) FILTER (WHERE ${COMPLETED})`, distinct(COMPLETED)],
    read: (p) => ({ value: ratioOf(p), participants: p[2]! }),
  },
  AVERAGE_PRICE: {
    parts: ['coalesce(sum(amount), 0)', 'count(amount)', 'count(DISTINCT pid)'],
    read: (p) => ({ value: ratioOf(p), participants: p[2]! }),
  },
};

/** A measure's rollup form: its own parts, or (every additive measure, and a median built whole) its value and participants. */
export function formOf(measure: Measure): RollupForm {
  const definition = MEASURE_DEFINITIONS[measure];
  return (
    FORMS[measure] ?? {
      parts: [definition.value, definition.participants],
      buildOnly: !definition.additive,
      read: ([value, participants]) => ({ value, participants: participants! }),
    }
  );
}

export interface PartsLayout {
  /** Where each measure's parts start. */
  offsets: Map<Measure, number>;
  /** Every part's SQL; the last counts the cell's facts (a cell of none, left by a delta, is no row). */
  parts: string[];
  /** Which parts a delta leaves alone. */
  buildOnly: boolean[];
}

/** The parts of a cell of `base`: each measure's, in measuresOf order, then the count of its facts. */
export function partsLayout(base: Base): PartsLayout {
  const layout: PartsLayout = { offsets: new Map(), parts: [], buildOnly: [] };
  for (const measure of measuresOf(base)) {
    const form = formOf(measure);
    layout.offsets.set(measure, layout.parts.length);
    form.parts.forEach((part, i) => {
      layout.parts.push(part);
      // A median's value; its participants still add up.
      layout.buildOnly.push(Boolean(form.buildOnly) && i === 0);
    });
  }
  layout.parts.push('count(*)');
  layout.buildOnly.push(false);
  return layout;
}

/**
 * GROUPING() of the rollup's dimensions for the cells keyed by `dimensions` (a bit per rolled-up dimension,
 * the first the most significant), or undefined when one of them is not in the rollup.
 */
export function groupingOf(base: Base, dimensions: Dimension[]): number | undefined {
  const all = ROLLUP_DIMENSIONS[base];
  if (!dimensions.every((d) => all.includes(d))) return undefined;
  return all.reduce((bits, d, i) => (dimensions.includes(d) ? bits : bits | (1 << (all.length - 1 - i))), 0);
}

/** What a rollup cell's parts mean: a build of another layout (older code) is never read, and is rebuilt. */
export const ROLLUP_LAYOUT = JSON.stringify(
  Object.entries(ROLLUP_DIMENSIONS).map(([base, dimensions]) => [base, dimensions, partsLayout(base as Base).parts]),
);
