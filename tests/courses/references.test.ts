import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { db, gatewayQuery, signedHeaders, tokenFor } from '../support/client';
import { activePartner, move } from '../partners/helpers';
import { ADMIN, courses, createCourse, createInstitution, createPartner, startCourses, terminatePartner, unique } from './fixtures';

/*
 * courseSubmit and offeringSet name a training institution or a platform of the partners subgraph; the
 * courses subgraph asks it before writing, and a refusal writes nothing.
 */
const SUBMIT = `mutation($input: CourseSubmitInput!) { courseSubmit(input: $input) { course { id provider { id } } userErrors { code field } } }`;
const SET = `mutation($input: OfferingSetInput!) { offeringSet(input: $input) { offering { id active price { amount } platform { id } } userErrors { code field } } }`;

const courseInput = (institutionId: string) => ({
  institutionId,
  title: unique('Pelatihan Rujukan'),
  description: 'Kursus untuk pengujian rujukan.',
  category: 'TECHNOLOGY',
  mode: 'WEBINAR',
  sessionCount: 2,
  minimumDurationMinutes: 0,
});
const coursesTitled = async (title: string) =>
  Number((await db().query('select count(*) from courses.course where title = $1', [title])).rows[0].count);
const offeringsOf = async (partnerId: string) =>
  (await db().query('select price::int as price, active from courses.offering where partner_id = $1', [partnerId])).rows;

let courseId: string;
beforeAll(async () => {
  courseId = await createCourse();
});

describe('courseSubmit checks the institution', () => {
  it('refuses an unknown institution as INSTITUTION_NOT_FOUND and writes no course', async () => {
    const input = courseInput(randomUUID());
    const res = await courses(SUBMIT, { input });
    expect(res.errors).toBeUndefined();
    expect(res.data!.courseSubmit).toEqual({
      course: null,
      userErrors: [{ code: 'INSTITUTION_NOT_FOUND', field: ['input', 'institutionId'] }],
    });
    expect(await coursesTitled(input.title)).toBe(0);
  });

  it('accepts a registered institution', async () => {
    const institutionId = await createInstitution();
    const input = courseInput(institutionId);
    const res = await courses(SUBMIT, { input });
    expect(res.data!.courseSubmit).toEqual({ course: { id: expect.any(String), provider: { id: institutionId } }, userErrors: [] });
    expect(await coursesTitled(input.title)).toBe(1);
  });
});

describe('offeringSet checks the platform', () => {
  it('refuses an unknown platform as PARTNER_NOT_FOUND and writes no offering', async () => {
    const partnerId = randomUUID();
    const res = await courses(SET, { input: { courseId, partnerId, price: 100_000 } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.offeringSet).toEqual({ offering: null, userErrors: [{ code: 'PARTNER_NOT_FOUND', field: ['input', 'partnerId'] }] });
    expect(await offeringsOf(partnerId)).toEqual([]);
  });

  it('lists a course on a platform that has only applied', async () => {
    const partnerId = await createPartner();
    const res = await courses(SET, { input: { courseId, partnerId, price: 100_000 } });
    expect(res.data!.offeringSet).toMatchObject({ offering: { active: true, platform: { id: partnerId } }, userErrors: [] });
    expect(await offeringsOf(partnerId)).toEqual([{ price: 100000, active: true }]);
  });

  it('lists a course on a SUSPENDED platform (a suspension is temporary)', async () => {
    const partnerId = await activePartner();
    expect((await move('partnerSuspend', partnerId)).data!.partnerSuspend).toMatchObject({
      partner: { status: 'SUSPENDED' },
      userErrors: [],
    });
    const res = await courses(SET, { input: { courseId, partnerId, price: 120_000 } });
    expect(res.data!.offeringSet).toMatchObject({ offering: { active: true }, userErrors: [] });
  });

  it('refuses to list on a TERMINATED platform as PARTNER_TERMINATED, changing nothing, but lets its listing be withdrawn', async () => {
    const partnerId = await createPartner();
    expect((await courses(SET, { input: { courseId, partnerId, price: 200_000 } })).data!.offeringSet.userErrors).toEqual([]);
    await terminatePartner(partnerId);

    const other = await createCourse();
    for (const input of [
      { courseId, partnerId, price: 250_000 },
      { courseId: other, partnerId, price: 250_000, active: true },
    ]) {
      expect((await courses(SET, { input })).data!.offeringSet).toEqual({
        offering: null,
        userErrors: [{ code: 'PARTNER_TERMINATED', field: ['input', 'partnerId'] }],
      });
    }
    expect(await offeringsOf(partnerId)).toEqual([{ price: 200000, active: true }]);

    const withdrawn = await courses(SET, { input: { courseId, partnerId, price: 200_000, active: false } });
    expect(withdrawn.data!.offeringSet).toMatchObject({ offering: { active: false }, userErrors: [] });
    expect(await offeringsOf(partnerId)).toEqual([{ price: 200000, active: false }]);
  });
});

describe('when the partners subgraph cannot be reached', () => {
  let other: Awaited<ReturnType<typeof startCourses>>;
  beforeAll(async () => {
    // A port that was free a moment ago: nothing answers there.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as AddressInfo;
    await new Promise((r) => probe.close(r));
    other = await startCourses({ PARTNERS_URL: `http://127.0.0.1:${port}/graphql`, COURSES_RECONCILE_INTERVAL_MS: '3600000' });
  });
  afterAll(async () => {
    other.child.kill('SIGTERM');
    await new Promise((r) => other.child.once('exit', r));
  });
  const ask = async (query: string, variables: Record<string, unknown>) => {
    const body = JSON.stringify({ query, variables });
    return (await fetch(other.url, { method: 'POST', headers: signedHeaders(ADMIN, body), body })).json() as Promise<{
      data?: any;
      errors?: Array<{ message: string; extensions: { code: string } }>;
    }>;
  };

  it('fails courseSubmit with an error and writes nothing, rather than skip the check', async () => {
    const input = courseInput(await createInstitution());
    const res = await ask(SUBMIT, { input });
    expect(res.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/could not be checked.*nothing was written/),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(res.data?.courseSubmit ?? null).toBeNull();
    expect(await coursesTitled(input.title)).toBe(0);
  });

  it('fails offeringSet with an error and writes nothing', async () => {
    const partnerId = await createPartner();
    const res = await ask(SET, { input: { courseId, partnerId, price: 100_000 } });
    expect(res.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/could not be checked.*nothing was written/),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(await offeringsOf(partnerId)).toEqual([]);
  });
});

describe('through the gateway', () => {
  const asAdmin = async (query: string, variables: Record<string, unknown>) => {
    const res = await gatewayQuery(query, variables, { token: await tokenFor('admin', 'references-test-admin') });
    expect(res.errors).toBeUndefined();
    return res.data!;
  };

  it('refuses unknown and terminated references and accepts real ones', async () => {
    const unknownInstitution = courseInput(randomUUID());
    expect((await asAdmin(SUBMIT, { input: unknownInstitution })).courseSubmit.userErrors).toEqual([
      { code: 'INSTITUTION_NOT_FOUND', field: ['input', 'institutionId'] },
    ]);
    expect(await coursesTitled(unknownInstitution.title)).toBe(0);
    const institutionId = await createInstitution();
    expect((await asAdmin(SUBMIT, { input: courseInput(institutionId) })).courseSubmit).toMatchObject({
      course: { provider: { id: institutionId } },
      userErrors: [],
    });

    const unknownPartner = randomUUID();
    expect((await asAdmin(SET, { input: { courseId, partnerId: unknownPartner, price: 100_000 } })).offeringSet.userErrors).toEqual([
      { code: 'PARTNER_NOT_FOUND', field: ['input', 'partnerId'] },
    ]);
    expect(await offeringsOf(unknownPartner)).toEqual([]);
    const applied = await createPartner();
    expect((await asAdmin(SET, { input: { courseId, partnerId: applied, price: 100_000 } })).offeringSet).toMatchObject({
      offering: { platform: { id: applied } },
      userErrors: [],
    });
    const terminated = await createPartner();
    await terminatePartner(terminated);
    expect((await asAdmin(SET, { input: { courseId, partnerId: terminated, price: 100_000 } })).offeringSet.userErrors).toEqual([
      { code: 'PARTNER_TERMINATED', field: ['input', 'partnerId'] },
    ]);
    expect(await offeringsOf(terminated)).toEqual([]);
  });
});
