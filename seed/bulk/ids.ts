/**
 * Ids of bulk-seeded rows: a UUID whose first group names the kind of row and whose last group is its
 * number. Ascending numbers append to each primary key's b-tree instead of landing on random pages (what
 * random UUIDs cost at a million rows), and any subgraph can name a row of another without reading it.
 * Version nibble 8 (RFC 9562 "custom"): never confused with the v4/v5 ids the services and the demo make.
 */
const KINDS = {
  participant: 'b1000000',
  application: 'b2000000',
  card: 'b3000000',
  ledgerEntry: 'b4000000',
  purchase: 'b5000000',
  hold: 'b6000000',
  enrollment: 'b7000000',
  attendance: 'b8000000',
  cohort: 'b9000000',
} as const;

export type BulkKind = keyof typeof KINDS;

export const bulkId = (kind: BulkKind, n: number): string => `${KINDS[kind]}-0000-8000-8000-${n.toString(16).padStart(12, '0')}`;
