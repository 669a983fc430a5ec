import type { EntityManager } from '@mikro-orm/postgresql';
import type { Dimension } from './catalog';
import { regionName } from './region-names';

/** Names of the programme's public entities (cohorts, platforms, institutions, courses): never of a person. */
const LABEL_SQL: Partial<Record<Dimension, string>> = {
  COHORT: `SELECT cohort_id::text AS id, name FROM analytics.cohort_dim WHERE cohort_id::text IN (SELECT jsonb_array_elements_text(?::jsonb))`,
  PLATFORM: `SELECT partner_id::text AS id, name FROM analytics.partner_dim WHERE partner_id::text IN (SELECT jsonb_array_elements_text(?::jsonb))`,
  INSTITUTION: `SELECT institution_id::text AS id, name FROM analytics.institution_dim WHERE institution_id::text IN (SELECT jsonb_array_elements_text(?::jsonb))`,
  COURSE: `SELECT course_id::text AS id, title AS name FROM analytics.course_dim WHERE course_id::text IN (SELECT jsonb_array_elements_text(?::jsonb))`,
};

/** Province and regency codes are labelled with their official names, from a static list (region-names.ts). */
const STATIC_LABELS: Partial<Record<Dimension, (value: string) => string | undefined>> = { PROVINCE: regionName, REGENCY: regionName };

/** Dimensions whose values are ids or codes with a readable name. */
export const LABELLED: ReadonlySet<Dimension> = new Set([...Object.keys(LABEL_SQL), ...Object.keys(STATIC_LABELS)] as Dimension[]);

/** For each dimension of a table, its values' labels (an empty map for dimensions whose values are codes). */
export async function labelsOf(em: EntityManager, dimensions: Dimension[], keys: string[][]): Promise<Map<string, string>[]> {
  return Promise.all(
    dimensions.map(async (dimension, i) => {
      const values = [...new Set(keys.map((k) => k[i]))];
      const named = STATIC_LABELS[dimension];
      if (named) return new Map(values.flatMap((v) => (named(v) ? [[v, named(v)!] as const] : [])));
      const sql = LABEL_SQL[dimension];
      if (!sql) return new Map<string, string>();
      const rows = values.length ? await em.execute<Array<{ id: string; name: string }>>(sql, [JSON.stringify(values)]) : [];
      return new Map(rows.map((r) => [r.id, r.name]));
    }),
  );
}
