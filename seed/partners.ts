import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { stableId } from '../common/ids';
import { EvaluationCriterion, EvaluationKind, Evaluation } from '../subgraphs/partners/evaluation/evaluation.entity';
import { InstitutionAffiliation, TrainingInstitution } from '../subgraphs/partners/institution/institution.entity';
import { Partner, PartnerStatus, PartnerStatusChange } from '../subgraphs/partners/partner/partner.entity';
import { PartnerProbation } from '../subgraphs/partners/probation/probation.entity';
import { WebhookEndpoint } from '../subgraphs/partners/webhook/webhook.entity';
import {
  INSTITUTIONS,
  PLATFORMS,
  RULE_PLATFORMS,
  SANDBOX_PLATFORM,
  institutionIdOf,
  partnerIdOf,
  seededRandom,
  type PlatformSeed,
} from './catalog';

const ACTOR = 'seed:pmo';
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (iso: string, offsetMs = 0) => new Date(Date.parse(iso) + offsetMs);

/** The first eight platforms signed their MoUs on 20 March 2020 and went live with the programme on 11 April 2020. */
const MOU_SIGNED_AT = '2020-03-20T03:00:00.000Z';
/** Yearly periodic reviews each March; the last two platforms are overdue for 2026, so the office has reviews due. */
const REVIEW_YEARS = [2021, 2022, 2023, 2024, 2025, 2026];
const OVERDUE_FROM_INDEX = 6;
const reviewAt = (year: number) => `${year}-03-20T03:00:00.000Z`;
const LAUNCHED_AT = '2020-04-11T01:00:00.000Z';

/**
 * Seeds the partners schema: the 12 platforms of the catalog (8 ACTIVE with a full recorded history, passing
 * initial and yearly evaluations and MoU; 4 UNDER_EVALUATION), the training institutions and their group affiliations, and
 * the sandbox platform with its webhook endpoint. Every id
 * and date is derived from the catalog, so runs are deterministic; rows that already exist are left alone.
 */
export async function seedPartners(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  const random = seededRandom(2020);
  await em.transactional(async (tx) => {
    const existing = new Set(
      (await tx.find(Partner, { id: { $in: PLATFORMS.map((p) => partnerIdOf(p.slug)) } }, { fields: ['id'] })).map((p) => p.id),
    );
    let activeIndex = 0;
    let pendingIndex = 0;
    for (const platform of PLATFORMS) {
      // Draw for every platform, seeded or not, so each one's numbers never depend on what already exists.
      const provincesReached = 26 + Math.floor(random() * 13);
      const index = platform.status === 'ACTIVE' ? activeIndex++ : pendingIndex++;
      if (existing.has(partnerIdOf(platform.slug))) continue;
      if (platform.status === 'ACTIVE') seedActive(tx, platform, index, provincesReached);
      else seedUnderEvaluation(tx, platform, index);
    }
    await tx.flush();

    const knownInstitutions = new Set(
      (await tx.find(TrainingInstitution, { id: { $in: INSTITUTIONS.map((i) => institutionIdOf(i.key)) } }, { fields: ['id'] })).map(
        (i) => i.id,
      ),
    );
    const knownAffiliations = new Set(
      (await tx.find(InstitutionAffiliation, { institution: { $in: INSTITUTIONS.map((i) => institutionIdOf(i.key)) } })).map(
        (a) => `${a.institution.id}/${a.partner.id}`,
      ),
    );
    INSTITUTIONS.forEach((seed, i) => {
      const id = institutionIdOf(seed.key);
      const createdAt = at('2020-03-01T02:00:00.000Z', i * HOUR);
      if (!knownInstitutions.has(id)) tx.create(TrainingInstitution, { id, name: seed.name, city: seed.city, createdAt });
      for (const slug of seed.affiliatedWith) {
        const partnerId = partnerIdOf(slug);
        if (knownAffiliations.has(`${id}/${partnerId}`)) continue;
        tx.create(InstitutionAffiliation, {
          id: stableId('institution-affiliation', `${seed.key}/${slug}`),
          institution: tx.getReference(TrainingInstitution, id),
          partner: tx.getReference(Partner, partnerId),
          relationship: 'Same group of companies as the platform',
          createdAt,
        });
      }
    });
    await seedSandboxPlatform(tx);
    await seedRulePlatforms(tx);
  });
}

function history(tx: EntityManager, partner: Partner, steps: Array<[PartnerStatus | null, PartnerStatus, Date, string]>) {
  for (const [fromStatus, toStatus, changedAt, reason] of steps) {
    tx.create(PartnerStatusChange, {
      id: stableId('partner-status-change', `${partner.slug}/${toStatus}`),
      partner,
      fromStatus,
      toStatus,
      actor: ACTOR,
      reason,
      changedAt,
    });
  }
}

function seedActive(tx: EntityManager, platform: PlatformSeed, index: number, provincesReached: number) {
  const appliedAt = at('2020-03-02T02:00:00.000Z', index * HOUR);
  const startedAt = at('2020-03-09T02:00:00.000Z', index * HOUR);
  const evaluatedAt = at('2020-03-16T02:00:00.000Z', index * HOUR);
  const partner = tx.create(Partner, {
    id: partnerIdOf(platform.slug),
    slug: platform.slug,
    name: platform.name,
    website: platform.website,
    status: PartnerStatus.ACTIVE,
    createdAt: appliedAt,
    mouNumber: `MOU-PMO-${String(index + 1).padStart(3, '0')}/2020`,
    mouSignedAt: at(MOU_SIGNED_AT),
    nextReviewAt: at(reviewAt(REVIEW_YEARS.at(-1)! + (index < OVERDUE_FROM_INDEX ? 1 : 0))),
  });
  tx.create(Evaluation, {
    id: stableId('evaluation', `${platform.slug}/initial`),
    partner,
    kind: EvaluationKind.INITIAL,
    provincesReached,
    criteria: Object.values(EvaluationCriterion).map((criterion) => ({
      criterion,
      passed: true,
      note: criterion === EvaluationCriterion.NATIONAL_REACH ? `Users in ${provincesReached} of 38 provinces` : null,
    })),
    passed: true,
    evaluator: ACTOR,
    evaluatedAt,
  });
  const reviews = index < OVERDUE_FROM_INDEX ? REVIEW_YEARS : REVIEW_YEARS.slice(0, -1);
  for (const year of reviews) {
    tx.create(Evaluation, {
      id: stableId('evaluation', `${platform.slug}/periodic-${year}`),
      partner,
      kind: EvaluationKind.PERIODIC,
      provincesReached: Math.min(38, provincesReached + (year - 2020)),
      criteria: Object.values(EvaluationCriterion).map((criterion) => ({ criterion, passed: true, note: null })),
      passed: true,
      evaluator: ACTOR,
      evaluatedAt: at(reviewAt(year), -7 * DAY + index * HOUR),
    });
  }
  history(tx, partner, [
    [null, PartnerStatus.APPLIED, appliedAt, 'Application under Permenko 3/2020'],
    [PartnerStatus.APPLIED, PartnerStatus.UNDER_EVALUATION, startedAt, 'Documents complete; evaluation started'],
    [PartnerStatus.UNDER_EVALUATION, PartnerStatus.MOU_SIGNED, at(MOU_SIGNED_AT, index * 60_000), 'MoU signed with the PMO'],
    [
      PartnerStatus.MOU_SIGNED,
      PartnerStatus.ACTIVE,
      at(LAUNCHED_AT, index * 60_000),
      'Payment integration tested; live at programme launch',
    ],
  ]);
}

function seedUnderEvaluation(tx: EntityManager, platform: PlatformSeed, index: number) {
  const appliedAt = at('2020-06-01T02:00:00.000Z', index * DAY);
  const partner = tx.create(Partner, {
    id: partnerIdOf(platform.slug),
    slug: platform.slug,
    name: platform.name,
    website: platform.website,
    status: PartnerStatus.UNDER_EVALUATION,
    createdAt: appliedAt,
  });
  history(tx, partner, [
    [null, PartnerStatus.APPLIED, appliedAt, 'Application under Permenko 3/2020'],
    [
      PartnerStatus.APPLIED,
      PartnerStatus.UNDER_EVALUATION,
      at('2020-06-08T02:00:00.000Z', index * DAY),
      'Documents complete; evaluation started',
    ],
  ]);
}

/** The sandbox platform: MOU_SIGNED after a passing evaluation, with its webhook endpoint (registered now: only what happens from here on is sent). */
async function seedSandboxPlatform(tx: EntityManager) {
  const id = partnerIdOf(SANDBOX_PLATFORM.slug);
  if (await tx.findOne(Partner, { id })) return;
  const appliedAt = at('2026-10-01T02:00:00.000Z');
  const partner = tx.create(Partner, {
    id,
    slug: SANDBOX_PLATFORM.slug,
    name: SANDBOX_PLATFORM.name,
    website: SANDBOX_PLATFORM.website,
    status: PartnerStatus.MOU_SIGNED,
    createdAt: appliedAt,
    mouNumber: 'MOU-PMO-101/2026',
    mouSignedAt: at('2026-11-02T03:00:00.000Z'),
    nextReviewAt: at('2027-11-02T03:00:00.000Z'),
  });
  tx.create(Evaluation, {
    id: stableId('evaluation', `${SANDBOX_PLATFORM.slug}/initial`),
    partner,
    kind: EvaluationKind.INITIAL,
    provincesReached: 27,
    criteria: Object.values(EvaluationCriterion).map((criterion) => ({ criterion, passed: true, note: null })),
    passed: true,
    evaluator: ACTOR,
    evaluatedAt: at('2026-10-20T02:00:00.000Z'),
  });
  history(tx, partner, [
    [null, PartnerStatus.APPLIED, appliedAt, 'Application under Permenko 3/2020'],
    [PartnerStatus.APPLIED, PartnerStatus.UNDER_EVALUATION, at('2026-10-08T02:00:00.000Z'), 'Documents complete; evaluation started'],
    [PartnerStatus.UNDER_EVALUATION, PartnerStatus.MOU_SIGNED, at('2026-11-02T03:00:00.000Z'), 'MoU signed; integrating in the sandbox'],
  ]);
  tx.create(WebhookEndpoint, { id: stableId('webhook-endpoint', SANDBOX_PLATFORM.slug), partner, url: SANDBOX_PLATFORM.webhookUrl });
}

const passing = () => Object.values(EvaluationCriterion).map((criterion) => ({ criterion, passed: true, note: null }));

/** A platform admitted in 2025 (applied, evaluated, MoU, live), as the two rule platforms were. */
function seedAdmitted(tx: EntityManager, seed: { slug: string; name: string; website: string }, serial: number, status: PartnerStatus) {
  const appliedAt = at('2025-05-05T02:00:00.000Z', serial * DAY);
  const partner = tx.create(Partner, {
    id: partnerIdOf(seed.slug),
    slug: seed.slug,
    name: seed.name,
    website: seed.website,
    status,
    createdAt: appliedAt,
    mouNumber: `MOU-PMO-0${90 + serial}/2025`,
    mouSignedAt: at('2025-06-02T03:00:00.000Z', serial * DAY),
    nextReviewAt: at('2026-06-02T03:00:00.000Z', serial * DAY),
  });
  tx.create(Evaluation, {
    id: stableId('evaluation', `${seed.slug}/initial`),
    partner,
    kind: EvaluationKind.INITIAL,
    provincesReached: 28,
    criteria: passing(),
    passed: true,
    evaluator: ACTOR,
    evaluatedAt: at('2025-05-26T02:00:00.000Z', serial * DAY),
  });
  history(tx, partner, [
    [null, PartnerStatus.APPLIED, appliedAt, 'Application under Permenko 3/2020'],
    [
      PartnerStatus.APPLIED,
      PartnerStatus.UNDER_EVALUATION,
      at('2025-05-12T02:00:00.000Z', serial * DAY),
      'Documents complete; evaluation started',
    ],
    [PartnerStatus.UNDER_EVALUATION, PartnerStatus.MOU_SIGNED, at('2025-06-02T03:00:00.000Z', serial * DAY), 'MoU signed with the PMO'],
    [PartnerStatus.MOU_SIGNED, PartnerStatus.ACTIVE, at('2025-07-01T03:00:00.000Z', serial * DAY), 'Payment integration tested; live'],
  ]);
  return partner;
}

/**
 * Kelas Kilat, SUSPENDED by the office; IlmuKita, ACTIVE on probation: its periodic review five days before the
 * seed failed OWN_PORTAL, and the deadline is the default 30 days after it (PARTNER_PROBATION_DAYS), so the
 * probation job leaves it alone until then. Those two dates follow the seed's clock; everything else is fixed.
 */
async function seedRulePlatforms(tx: EntityManager) {
  const { suspended, probation } = RULE_PLATFORMS;
  if (!(await tx.findOne(Partner, { id: partnerIdOf(suspended.slug) }))) {
    const partner = seedAdmitted(tx, suspended, 0, PartnerStatus.SUSPENDED);
    history(tx, partner, [
      [
        PartnerStatus.ACTIVE,
        PartnerStatus.SUSPENDED,
        at('2026-11-20T03:00:00.000Z'),
        'Refund complaints under investigation (ADU-2026-0031)',
      ],
    ]);
  }
  if (!(await tx.findOne(Partner, { id: partnerIdOf(probation.slug) }))) {
    const partner = seedAdmitted(tx, probation, 1, PartnerStatus.ACTIVE);
    const failedAt = new Date(Math.floor(Date.now() / DAY) * DAY - 5 * DAY + 2 * HOUR);
    const failed = tx.create(Evaluation, {
      id: stableId('evaluation', `${probation.slug}/periodic-2026`),
      partner,
      kind: EvaluationKind.PERIODIC,
      provincesReached: 27,
      criteria: passing().map((c) =>
        c.criterion === EvaluationCriterion.OWN_PORTAL
          ? { ...c, passed: false, note: 'Checkout redirects to a third-party marketplace' }
          : c,
      ),
      passed: false,
      evaluator: ACTOR,
      evaluatedAt: failedAt,
    });
    tx.create(PartnerProbation, {
      id: stableId('partner-probation', probation.slug),
      partner,
      failedEvaluation: failed,
      startedAt: failedAt,
      deadline: new Date(failedAt.getTime() + 30 * DAY),
    });
  }
}
