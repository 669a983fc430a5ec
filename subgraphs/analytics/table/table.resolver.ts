import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { requireRole } from '../../../common/auth';
import type { AnalyticsContext } from '../context';
import { readFreshness } from '../freshness/freshness.service';
import { toCsv } from './csv';
import { labelsOf } from './labels';
import { computeTable, type TableRequest } from './table.service';
import { AnalyticsTableInput } from './table.inputs';
import { AnalyticsTable } from './table.types';

/** Computes a table for an analyst or the office and shapes it for the schema (cells, labels, freshness, CSV). */
export async function answerTable(ctx: AnalyticsContext, request: TableRequest): Promise<AnalyticsTable> {
  requireRole(ctx.identity, 'analyst', 'admin');
  // Freshness first: the table read after it is at least this fresh.
  const [live, rollup] = [await readFreshness(ctx.em), await readFreshness(ctx.em, 'rollup')];
  const table = await computeTable(ctx.em, request, ctx.config.minCellParticipants);
  const freshness = table.fromRollupBuild ? rollup : live;
  const labels = await labelsOf(
    ctx.em,
    table.dimensions,
    table.rows.map((r) => r.key),
  );
  const strip = (cells: Array<{ measure: string; value: number | null; suppressed: boolean }>) =>
    cells.map(({ measure, value, suppressed }) => ({ measure, value, suppressed }));
  return Object.assign(new AnalyticsTable(), {
    dimensions: table.dimensions,
    measures: table.measures,
    rows: table.rows.map((row) => ({
      dimensions: row.key.map((value, i) => ({ dimension: table.dimensions[i], value, label: labels[i].get(value) ?? null })),
      cells: strip(row.cells),
    })),
    total: strip(table.total),
    minCellParticipants: ctx.config.minCellParticipants,
    freshness,
    csv: toCsv(table, labels),
  });
}

@Resolver()
export class AnalyticsTableResolver {
  @Query(() => AnalyticsTable, {
    description:
      'The semantic layer: measures split by dimensions, filtered, as a table. Analysts and the office only; cells of fewer than k participants are suppressed.',
  })
  analyticsTable(
    @Arg('input', () => AnalyticsTableInput, { description: 'The table to compute.' }) input: AnalyticsTableInput,
    @Ctx() ctx: AnalyticsContext,
  ) {
    return answerTable(ctx, input);
  }
}
