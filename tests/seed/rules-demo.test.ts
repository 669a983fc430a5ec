import { RULE_PLATFORMS, SANDBOX_PLATFORM, partnerIdOf } from '../../seed/catalog';
import { gatewayQuery } from '../support/client';
import { asAdmin } from '../support/partner';

/*
 * The demo data of the platform rules (issue 14), which the README's examples query: a platform in the sandbox, one
 * SUSPENDED, one on probation (still selling), courses held on dates (one nearly full) and courses with an
 * education requirement, sold by the platform on probation and the sandbox platform.
 */

const SCHEDULED = `{ courses(first: 100, category: AUTOMOTIVE) { edges { node { title minimumEducation minimumAge
  schedules(first: 5) { edges { node { seatQuota seatsAvailable startsAt } } } offerings(first: 5) { edges { node { platform { id } } } } } } } }`;

it('has the sandbox, a suspended platform and one on probation with its deadline ahead', async () => {
  const ids = [SANDBOX_PLATFORM.slug, RULE_PLATFORMS.suspended.slug, RULE_PLATFORMS.probation.slug].map(partnerIdOf);
  const res = await asAdmin(
    `query($a: ID!, $b: ID!, $c: ID!) { a: partner(id: $a) { status } b: partner(id: $b) { status statusHistory { toStatus reason } }
      c: partner(id: $c) { status probation { deadline failedEvaluation { passed kind } } } }`,
    { a: ids[0], b: ids[1], c: ids[2] },
  );
  expect(res.a.status).toBe('MOU_SIGNED');
  expect(res.b.status).toBe('SUSPENDED');
  expect(res.b.statusHistory.at(-1).toStatus).toBe('SUSPENDED');
  expect(res.c.status).toBe('ACTIVE');
  expect(res.c.probation.failedEvaluation).toEqual({ passed: false, kind: 'PERIODIC' });
  expect(Date.parse(res.c.probation.deadline)).toBeGreaterThan(Date.now());
});

it('has courses held on dates, one class nearly full, and courses requiring an education', async () => {
  const nodes = (await gatewayQuery(SCHEDULED)).data!.courses.edges.map((e: { node: any }) => e.node);
  const workshop = nodes.find((n: { title: string }) => n.title === 'Las Listrik Dasar (Kelas Tatap Muka)');
  expect(workshop).toMatchObject({ minimumEducation: 'SMA_SMK', minimumAge: 21 });
  const seats = workshop.schedules.edges.map((e: { node: { seatsAvailable: number } }) => e.node.seatsAvailable);
  expect(Math.min(...seats)).toBeLessThanOrEqual(2);
  for (const { node } of workshop.schedules.edges) expect(Date.parse(node.startsAt)).toBeGreaterThan(Date.now());
  expect(workshop.offerings.edges.map((e: { node: { platform: { id: string } } }) => e.node.platform.id)).toContain(
    partnerIdOf(RULE_PLATFORMS.probation.slug),
  );
  const data = (await gatewayQuery(`{ courses(first: 100, category: TECHNOLOGY) { edges { node { title minimumEducation } } } }`)).data!;
  const levels = data.courses.edges.map((e: { node: { minimumEducation: string | null } }) => e.node.minimumEducation);
  expect(levels).toContain('D3');
});
