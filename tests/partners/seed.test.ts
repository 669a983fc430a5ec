import type { MikroORM } from '@mikro-orm/postgresql';
import type { seedPartners as SeedPartners } from '../../seed/partners';
import type { createPartnersOrm as CreateOrm } from '../../subgraphs/partners/orm';
import { INSTITUTIONS, PLATFORMS, institutionIdOf, partnerIdOf } from '../../seed/catalog';
import { db } from '../support/client';
import { ANONYMOUS, q, reviewsDue } from './helpers';

const { seedPartners } = require('../../dist/seed/partners') as { seedPartners: typeof SeedPartners };
const { createPartnersOrm } = require('../../dist/subgraphs/partners/orm') as { createPartnersOrm: typeof CreateOrm };

let orm: MikroORM;
beforeAll(async () => {
  orm = await createPartnersOrm(process.env.TEST_DATABASE_URL!);
});
afterAll(async () => {
  await orm.close();
});

const snapshot = async () =>
  (
    await db().query(
      `SELECT
      (SELECT json_agg(p ORDER BY p.id) FROM partners.partner p WHERE p.id = ANY($1)) AS partners,
      (SELECT json_agg(h ORDER BY h.id) FROM partners.partner_status_change h WHERE h.partner_id = ANY($1)) AS history,
      (SELECT json_agg(e ORDER BY e.id) FROM partners.evaluation e WHERE e.partner_id = ANY($1)) AS evaluations,
      (SELECT json_agg(i ORDER BY i.id) FROM partners.training_institution i WHERE i.id = ANY($2)) AS institutions,
      (SELECT json_agg(a ORDER BY a.id) FROM partners.institution_affiliation a WHERE a.institution_id = ANY($2)) AS affiliations`,
      [PLATFORMS.map((p) => partnerIdOf(p.slug)), INSTITUTIONS.map((i) => institutionIdOf(i.key))],
    )
  ).rows[0];

describe('seedPartners', () => {
  it('seeds the catalog deterministically and is safe to run twice', async () => {
    await seedPartners(orm);
    const first = await snapshot();
    await seedPartners(orm);
    expect(await snapshot()).toEqual(first);
    expect(first.partners).toHaveLength(12);
    expect(first.institutions).toHaveLength(INSTITUTIONS.length);
    expect(first.affiliations).toHaveLength(INSTITUTIONS.flatMap((i) => i.affiliatedWith).length);
  });

  it('gives the 8 ACTIVE platforms a full history, a passing evaluation and the March 2020 MoU', async () => {
    await seedPartners(orm);
    const res = await q(
      `query($slug: String!) { partnerBySlug(slug: $slug) { id status mou { number signedAt nextReviewAt } conflictOfInterest
        statusHistory { fromStatus toStatus } evaluations { passed provincesReached } } }`,
      { slug: 'skill-academy' },
    );
    const p = res.data!.partnerBySlug;
    expect(p.id).toBe(partnerIdOf('skill-academy'));
    expect(p.status).toBe('ACTIVE');
    expect(p.mou.number).toMatch(/^MOU-PMO-\d{3}\/2020$/);
    expect(p.mou.signedAt.slice(0, 10)).toBe('2020-03-20');
    expect(p.statusHistory.map((h: { toStatus: string }) => h.toStatus)).toEqual(['APPLIED', 'UNDER_EVALUATION', 'MOU_SIGNED', 'ACTIVE']);
    expect(p.evaluations[0].passed).toBe(true);
    expect(p.evaluations[0].provincesReached).toBeGreaterThanOrEqual(26);
    expect(p.conflictOfInterest).toBe(true);

    const due = await reviewsDue('2026-06-01T00:00:00Z', 'slug mou { nextReviewAt }');
    const seeded = new Set(PLATFORMS.map((x) => x.slug));
    const dueSeeded = due.map((x) => x.slug as string).filter((slug) => seeded.has(slug));
    expect(dueSeeded.sort()).toEqual(['kemnaker', 'pijar-mahir']);

    const pending = await q(`{ partnerBySlug(slug: "vokraf") { status mou { number } conflictOfInterest } }`, {}, ANONYMOUS);
    expect(pending.data!.partnerBySlug).toEqual({ status: 'UNDER_EVALUATION', mou: null, conflictOfInterest: false });
    const kemnaker = await q(`{ partnerBySlug(slug: "kemnaker") { conflictOfInterest } }`, {}, ANONYMOUS);
    expect(kemnaker.data!.partnerBySlug.conflictOfInterest).toBe(false);

    const { rows } = await db().query(
      `SELECT status, count(*)::int AS n FROM partners.partner WHERE id = ANY($1) GROUP BY status ORDER BY status`,
      [PLATFORMS.map((x) => partnerIdOf(x.slug))],
    );
    expect(rows).toEqual([
      { status: 'UNDER_EVALUATION', n: 4 },
      { status: 'ACTIVE', n: 8 },
    ]);
  });
});
