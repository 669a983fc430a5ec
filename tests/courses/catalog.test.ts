import { randomUUID } from 'node:crypto';
import { ADMIN, ANONYMOUS, codes, courses, createCourse, createInstitution, createPartner, offer, partner } from './fixtures';

const COURSE = `query($id: ID!) { course(id: $id) { id title curationStatus curationNote sessionCount provider { id } } }`;

describe('curation', () => {
  it('keeps a submitted course out of the public catalogue until an admin approves it', async () => {
    const id = await createCourse({ approve: false });
    expect((await courses(COURSE, { id }, ANONYMOUS)).data!.course).toBeNull();
    expect((await courses(COURSE, { id }, ADMIN)).data!.course).toMatchObject({ id, curationStatus: 'SUBMITTED', curationNote: null });

    const approved = await courses(
      `mutation($input: CourseCurateInput!) { courseCurate(input: $input) { course { curationStatus curationNote } userErrors { code } } }`,
      {
        input: { courseId: id, decision: 'APPROVED', note: 'Silabus lengkap' },
      },
    );
    expect(approved.data!.courseCurate).toEqual({
      course: { curationStatus: 'APPROVED', curationNote: 'Silabus lengkap' },
      userErrors: [],
    });
    expect((await courses(COURSE, { id }, ANONYMOUS)).data!.course).toMatchObject({ id, curationStatus: 'APPROVED' });
  });

  it('curates once, and needs a note to reject', async () => {
    const id = await createCourse({ approve: false });
    const curate = (decision: string, note: string) =>
      courses(
        `mutation($input: CourseCurateInput!) { courseCurate(input: $input) { course { curationStatus } userErrors { code field } } }`,
        { input: { courseId: id, decision, note } },
      );
    expect((await curate('REJECTED', '  ')).data!.courseCurate).toEqual({
      course: null,
      userErrors: [{ code: 'NOTE_REQUIRED', field: ['input', 'note'] }],
    });
    expect((await curate('REJECTED', 'Materi tidak sesuai')).data!.courseCurate.course.curationStatus).toBe('REJECTED');
    expect(codes((await curate('APPROVED', 'again')).data!.courseCurate)).toEqual(['ALREADY_CURATED']);
    expect((await courses(COURSE, { id }, ANONYMOUS)).data!.course).toBeNull();
  });

  it('lets only admins submit and curate', async () => {
    const input = {
      institutionId: randomUUID(),
      title: 'Belajar Excel',
      description: 'x',
      category: 'TECHNOLOGY',
      mode: 'WEBINAR',
      sessionCount: 2,
      minimumDurationMinutes: 10,
    };
    const submit = `mutation($input: CourseSubmitInput!) { courseSubmit(input: $input) { course { id } } }`;
    expect((await courses(submit, { input }, ANONYMOUS)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await courses(submit, { input }, partner(randomUUID()))).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await courses(submit, { input: { ...input, sessionCount: 0 } }, ADMIN)).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('catalogue', () => {
  it('pages through APPROVED courses only, in order, without duplicates or gaps', async () => {
    const approved = [];
    for (let i = 0; i < 5; i++) approved.push(await createCourse({ category: 'AUTOMOTIVE', mode: 'OFFLINE' }));
    const hidden = await createCourse({ category: 'AUTOMOTIVE', mode: 'OFFLINE', approve: false });
    const seen: string[] = [];
    let after: string | null = null;
    let total: number | undefined;
    for (;;) {
      const res: any = await courses(
        `query($after: String) { courses(first: 2, after: $after, category: AUTOMOTIVE, mode: OFFLINE) { totalCount pageInfo { hasNextPage endCursor } edges { node { id curationStatus category } } } }`,
        { after },
        ANONYMOUS,
      );
      const page = res.data.courses;
      total = page.totalCount;
      expect(page.edges.length).toBeLessThanOrEqual(2);
      for (const { node } of page.edges) {
        expect(node).toMatchObject({ curationStatus: 'APPROVED', category: 'AUTOMOTIVE' });
        seen.push(node.id);
      }
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    expect(seen).toEqual(expect.arrayContaining(approved));
    expect(seen.slice(-5)).toEqual(approved); // oldest first: the newest five come last
    expect(seen).not.toContain(hidden);
  });

  it('lets only admins list courses that are not APPROVED', async () => {
    const id = await createCourse({ approve: false, category: 'HOSPITALITY' });
    const query = `{ courses(first: 100, curationStatus: SUBMITTED, category: HOSPITALITY) { edges { node { id } } } }`;
    expect((await courses(query, {}, ANONYMOUS)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await courses(query, {}, ADMIN)).data!.courses.edges.map((e: any) => e.node.id)).toContain(id);
  });

  it('resolves Course entities for other subgraphs, hiding courses that are not APPROVED', async () => {
    const visible = await createCourse();
    const hidden = await createCourse({ approve: false });
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Course { id title provider { id } } } }`;
    const reps = [visible, hidden, randomUUID()].map((id) => ({ __typename: 'Course', id }));
    const res = await courses(query, { reps }, ANONYMOUS);
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[0]).toMatchObject({ id: visible });
    expect(res.data!._entities.slice(1)).toEqual([null, null]);
  });
});

describe('offerings', () => {
  it('validates the price and keeps one offering per course and platform', async () => {
    const courseId = await createCourse();
    const partnerId = await createPartner();
    const set = (price: number) =>
      courses(
        `mutation($input: OfferingSetInput!) { offeringSet(input: $input) { offering { id price { amount currency } active platform { id } course { id } } userErrors { code } } }`,
        {
          input: { courseId, partnerId, price },
        },
      );
    expect(codes((await set(0)).data!.offeringSet)).toEqual(['INVALID_PRICE']);
    expect(codes((await set(3_500_001)).data!.offeringSet)).toEqual(['INVALID_PRICE']);
    const first = (await set(3_500_000)).data!.offeringSet.offering;
    expect(first).toMatchObject({
      price: { amount: 3_500_000, currency: 'IDR' },
      active: true,
      platform: { id: partnerId },
      course: { id: courseId },
    });
    const second = (await set(250_000)).data!.offeringSet.offering;
    expect(second).toMatchObject({ id: first.id, price: { amount: 250_000 } });
  });

  it('refuses to offer a course that is not APPROVED', async () => {
    const courseId = await createCourse({ approve: false });
    const res = await courses(`mutation($input: OfferingSetInput!) { offeringSet(input: $input) { userErrors { code } } }`, {
      input: { courseId, partnerId: await createPartner(), price: 100_000 },
    });
    expect(codes(res.data!.offeringSet)).toEqual(['COURSE_NOT_APPROVED']);
  });

  it('contributes Partner.offerings and TrainingInstitution.courses, paginated per parent', async () => {
    const [p1, p2, inst1, inst2] = await Promise.all([createPartner(), createPartner(), createInstitution(), createInstitution()]);
    const c1 = await createCourse({ institutionId: inst1 });
    const c2 = await createCourse({ institutionId: inst1 });
    const c3 = await createCourse({ institutionId: inst2 });
    await createCourse({ institutionId: inst2, approve: false });
    await offer(c1, p1, 100_000);
    await offer(c2, p1, 200_000);
    await offer(c3, p2, 300_000);
    const res = await courses(
      `query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Partner { id offerings(first: 1) { totalCount pageInfo { hasNextPage } edges { node { course { id } price { amount } } } } }
        ... on TrainingInstitution { id courses(first: 10) { totalCount edges { node { id } } } } } }`,
      {
        reps: [
          { __typename: 'Partner', id: p1 },
          { __typename: 'Partner', id: p2 },
          { __typename: 'TrainingInstitution', id: inst1 },
          { __typename: 'TrainingInstitution', id: inst2 },
        ],
      },
      ANONYMOUS,
    );
    expect(res.errors).toBeUndefined();
    const [e1, e2, i1, i2] = res.data!._entities;
    expect(e1.offerings).toEqual({
      totalCount: 2,
      pageInfo: { hasNextPage: true },
      edges: [{ node: { course: { id: c1 }, price: { amount: 100_000 } } }],
    });
    expect(e2.offerings).toEqual({
      totalCount: 1,
      pageInfo: { hasNextPage: false },
      edges: [{ node: { course: { id: c3 }, price: { amount: 300_000 } } }],
    });
    expect(i1.courses).toEqual({ totalCount: 2, edges: [{ node: { id: c1 } }, { node: { id: c2 } }] });
    expect(i2.courses).toEqual({ totalCount: 1, edges: [{ node: { id: c3 } }] });
  });
});

describe('Course.offerings', () => {
  it('pages each course’s active offerings cheapest first, for many courses at once', async () => {
    const [p1, p2, p3, p4] = await Promise.all([createPartner(), createPartner(), createPartner(), createPartner()]);
    const [a, b] = [await createCourse(), await createCourse()];
    await offer(a, p1, 300_000);
    await offer(a, p2, 100_000);
    await offer(a, p3, 200_000);
    await offer(a, p4, 50_000, false); // withdrawn: not listed
    await offer(b, p1, 400_000);
    const PAGE = `offerings(first: 2, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { platform { id } price { amount } } } }`;
    const query = `query($a: ID!, $b: ID!, $after: String) { a: course(id: $a) { ${PAGE} } b: course(id: $b) { ${PAGE} } }`;
    const first = await courses(query, { a, b, after: null }, ANONYMOUS);
    expect(first.errors).toBeUndefined();
    const listed = (page: any) => page.edges.map((e: any) => [e.node.platform.id, e.node.price.amount]);
    expect(first.data!.a.offerings).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    expect(listed(first.data!.a.offerings)).toEqual([
      [p2, 100_000],
      [p3, 200_000],
    ]);
    expect(listed(first.data!.b.offerings)).toEqual([[p1, 400_000]]);
    const second = await courses(query, { a, b, after: first.data!.a.offerings.pageInfo.endCursor }, ANONYMOUS);
    expect(listed(second.data!.a.offerings)).toEqual([[p1, 300_000]]);
    expect(second.data!.a.offerings.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const crafted = Buffer.from(JSON.stringify(['cheap', a])).toString('base64url');
    expect((await courses(query, { a, b, after: crafted }, ANONYMOUS)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('partnerCourses (PartnerCatalog)', () => {
  const CATALOG = `query($first: Int!, $after: String) { partnerCourses(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id title category sessionCount minimumDurationMinutes price { amount currency } provider { id } } } } }`;

  it('lists only the calling platform’s offerings of APPROVED courses, at its own price', async () => {
    const [a, b, inst] = await Promise.all([createPartner(), createPartner(), createInstitution()]);
    const shared = await createCourse({ institutionId: inst, sessionCount: 4, minimumDurationMinutes: 90 });
    const onlyA = await createCourse();
    const onlyB = await createCourse();
    await offer(shared, a, 150_000);
    await offer(shared, b, 175_000);
    await offer(onlyA, a, 500_000);
    await offer(onlyB, b, 600_000);

    const page1 = (await courses(CATALOG, { first: 1 }, partner(a))).data!.partnerCourses;
    expect(page1.totalCount).toBe(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.edges[0].node).toMatchObject({
      id: shared,
      sessionCount: 4,
      minimumDurationMinutes: 90,
      price: { amount: 150_000, currency: 'IDR' },
      provider: { id: inst },
    });
    const page2 = (await courses(CATALOG, { first: 1, after: page1.pageInfo.endCursor }, partner(a))).data!.partnerCourses;
    expect(page2.edges.map((e: any) => e.node.id)).toEqual([onlyA]);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    const ofB = (await courses(CATALOG, { first: 10 }, partner(b))).data!.partnerCourses;
    expect(ofB.edges.map((e: any) => [e.node.id, e.node.price.amount])).toEqual([
      [shared, 175_000],
      [onlyB, 600_000],
    ]);
  });

  it('is for partners only', async () => {
    expect((await courses(CATALOG, { first: 1 }, ADMIN)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await courses(CATALOG, { first: 1 }, ANONYMOUS)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });
});
