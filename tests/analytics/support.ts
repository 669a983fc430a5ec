import { gatewayQuery, tokenFor } from '../support/client';

export const analyst = () => tokenFor('analyst');

export interface Cell {
  measure: string;
  value: number | null;
  suppressed: boolean;
}
export interface Row {
  dimensions: Array<{ dimension: string; value: string; label: string | null }>;
  cells: Cell[];
}
export interface Table {
  rows: Row[];
  total: Cell[];
  minCellParticipants: number;
  csv: string;
  freshness: {
    lagSeconds: number | null;
    sources: Array<{ source: string; caughtUpAt: string | null; eventsProjected: number; lagSeconds: number | null }>;
  };
}

export const TABLE_FIELDS = `rows { dimensions { dimension value label } cells { measure value suppressed } } total { measure value suppressed }
  minCellParticipants csv freshness { lagSeconds sources { source caughtUpAt eventsProjected lagSeconds } }`;

/** Asks the gateway for a table as an analyst; throws on errors. */
export async function table(input: Record<string, unknown>, token?: string): Promise<Table> {
  token ??= await analyst();
  const res = await gatewayQuery(
    `query($input: AnalyticsTableInput!) { analyticsTable(input: $input) { ${TABLE_FIELDS} } }`,
    { input },
    { token },
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.analyticsTable as Table;
}

/** Waits until every source's feed has been read to its end after `since` (the read model holds what committed before). */
export async function caughtUpAfter(since: Date, timeoutMs = 20_000): Promise<Table> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const t = await table({ measures: ['PARTICIPANTS'] });
    if (t.freshness.sources.every((s) => s.caughtUpAt && new Date(s.caughtUpAt) > since)) return t;
    if (Date.now() > deadline) throw new Error(`analytics not caught up: ${JSON.stringify(t.freshness)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The value of a measure in a row keyed by its first dimension's value. */
export const cellOf = (t: Table, key: string, measure: string) =>
  t.rows.find((r) => r.dimensions[0].value === key)?.cells.find((c) => c.measure === measure);
export const totalOf = (t: Table, measure: string) => t.total.find((c) => c.measure === measure)!;
