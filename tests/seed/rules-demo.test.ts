import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RULE_PLATFORMS, SANDBOX_PLATFORM, partnerIdOf } from '../../seed/catalog';
import { gatewayQuery, tokenFor } from '../support/client';
import { asAdmin, createActivePartner, offeredCourse, registerPerson } from '../support/partner';
import { eventually } from '../webhooks/receiver';

jest.setTimeout(60_000);

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

/** The GraphQL examples of the README's section on the platforms' side, placeholders filled with real ids. */
describe('README platform-rule examples', () => {
  const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf("## The platforms' side"), readme.indexOf('## The web client'));
  const examples = [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);

  it('answer with data and no error', async () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
    const terminated = await createActivePartner();
    const courseId = await offeredCourse(terminated, 300_000);
    await asAdmin(`mutation($input: PartnerTransitionInput!) { partnerTerminate(input: $input) { userErrors { code } } }`, {
      input: { partnerId: terminated, reason: 'README example' },
    });
    const participant = await registerPerson();
    const fill = (text: string) =>
      text
        .replace("<a terminated platform's id>", terminated)
        .replace('<course id>', courseId)
        .replace('2027-01-10', new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    for (const example of examples) {
      const query = fill(example);
      expect(query).not.toMatch(/<[a-z]/);
      const token = example.includes('# as a participant')
        ? await tokenFor('participant', participant.participantId)
        : await tokenFor('admin');
      const res = await eventually(async () => {
        const r = await gatewayQuery(query, {}, { token, headers: { 'x-purpose': 'README example' } });
        return r.errors || !JSON.stringify(r.data).includes('"totalCount":0') ? r : undefined;
      }, 'the example to answer');
      expect([query, res.errors]).toEqual([query, undefined]);
      expect(JSON.stringify(res.data)).not.toContain('"userErrors":[{');
    }
  });
});
