import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { db, gatewayQuery, tokenFor } from '../support/client';
import { registerPerson } from '../participants/fixtures';
import { codes, courses, createCourse, createPartner, insertSale, partner } from './fixtures';

/* A participant rates and reviews a completed enrollment through the gateway; the course shows the aggregate. */

const SUBMIT = `mutation($input: ReviewSubmitInput!) {
  reviewSubmit(input: $input) { review { id rating text createdAt } userErrors { code field } }
}`;
const COURSE = `query($id: ID!) {
  course(id: $id) { rating { count average } reviews(first: 10) { totalCount edges { node { id rating text } } } }
}`;
const TEXT = 'Materinya jelas dan praktis untuk pekerjaan saya.';

const submit = async (participantId: string, input: Record<string, unknown>) => {
  const res = await gatewayQuery(
    SUBMIT,
    { input: { text: TEXT, rating: 5, ...input } },
    { token: await tokenFor('participant', participantId) },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.reviewSubmit as { review: { id: string; rating: number; text: string } | null; userErrors: Array<{ code: string }> };
};

describe('reviews', () => {
  let partnerId: string;
  beforeAll(async () => {
    partnerId = await createPartner();
  });

  it('refuses before completion, for someone else, or malformed; accepts once; shows an anonymous aggregate', async () => {
    const courseId = await createCourse({ sessionCount: 2 });
    const ongoing = await insertSale({ partnerId, courseId, status: 'IN_PROGRESS', attendedSessions: 1 });
    expect(codes(await submit(ongoing.participantId, { enrollmentId: ongoing.enrollmentId }))).toEqual(['NOT_COMPLETED']);

    const done = await insertSale({ partnerId, courseId, status: 'COMPLETED', attendedSessions: 2 });
    expect(codes(await submit(randomUUID(), { enrollmentId: done.enrollmentId }))).toEqual(['NOT_FOUND']);
    expect(codes(await submit(done.participantId, { enrollmentId: 'not-an-id' }))).toEqual(['NOT_FOUND']);
    for (const rating of [0, 6])
      expect(codes(await submit(done.participantId, { enrollmentId: done.enrollmentId, rating }))).toEqual(['INVALID_RATING']);
    for (const text of ['   short   ', 'x'.repeat(2001), '😀'.repeat(5)])
      expect(codes(await submit(done.participantId, { enrollmentId: done.enrollmentId, text }))).toEqual(['INVALID_TEXT']);
    const { rows: none } = await db().query(`select count(*)::int as n from courses.review where enrollment_id = $1`, [done.enrollmentId]);
    expect(none[0].n).toBe(0); // bad input changed nothing

    const first = await submit(done.participantId, { enrollmentId: done.enrollmentId, rating: 4, text: `  ${TEXT}  ` });
    expect(first).toEqual({ review: { id: expect.any(String), rating: 4, text: TEXT, createdAt: expect.any(String) }, userErrors: [] });
    const again = await submit(done.participantId, { enrollmentId: done.enrollmentId, rating: 1 });
    expect(codes(again)).toEqual(['ALREADY_REVIEWED']);
    expect(again.review).toMatchObject({ id: first.review!.id, rating: 4 });

    const other = await insertSale({ partnerId, courseId, status: 'COMPLETED', attendedSessions: 2 });
    expect((await submit(other.participantId, { enrollmentId: other.enrollmentId, rating: 1 })).userErrors).toEqual([]);

    // Anyone sees the aggregate and the texts, never who wrote them.
    const view = await gatewayQuery(COURSE, { id: courseId });
    expect(view.errors).toBeUndefined();
    expect(view.data!.course.rating).toEqual({ count: 2, average: 2.5 });
    expect(view.data!.course.reviews.totalCount).toBe(2);
    expect(view.data!.course.reviews.edges.map((e: any) => e.node.rating)).toEqual([1, 4]); // newest first
    for (const sale of [done, other]) {
      expect(JSON.stringify(view)).not.toContain(sale.participantId);
      expect(JSON.stringify(view)).not.toContain(sale.enrollmentId);
    }
    const asked = await gatewayQuery(`query($id: ID!) { course(id: $id) { reviews { edges { node { participant { id } } } } } }`, {
      id: courseId,
    });
    expect(asked.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    // The review is tied to its enrollment only for the participant themself: not for the selling platform.
    const ENROLLMENT = `query($id: ID!) { enrollment(id: $id) { id review { rating } } }`;
    const own = await gatewayQuery(ENROLLMENT, { id: done.enrollmentId }, { token: await tokenFor('participant', done.participantId) });
    expect(own.data!.enrollment.review).toEqual({ rating: 4 });
    const seller = await courses(ENROLLMENT, { id: done.enrollmentId }, partner(partnerId));
    expect(seller.data!.enrollment).toEqual({ id: done.enrollmentId, review: null });

    const { rows: events } = await db().query(
      `select payload from courses.outbox_event where type = 'review.submitted' and payload->>'enrollmentId' = $1`,
      [done.enrollmentId],
    );
    expect(events).toEqual([{ payload: expect.objectContaining({ rating: 4, participantId: done.participantId, courseId }) }]);
    expect(JSON.stringify(events)).not.toContain(TEXT);
  });

  it('is for participants only', async () => {
    const courseId = await createCourse();
    const done = await insertSale({ partnerId, courseId, status: 'COMPLETED' });
    const input = { enrollmentId: done.enrollmentId, rating: 5, text: TEXT };
    const anonymous = await gatewayQuery(SUBMIT, { input });
    expect(anonymous.errors?.[0].extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    const platform = await courses(SUBMIT, { input }, partner(partnerId));
    expect(platform.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps one review when the same participant submits many at once', async () => {
    const courseId = await createCourse();
    const done = await insertSale({ partnerId, courseId, status: 'COMPLETED' });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => submit(done.participantId, { enrollmentId: done.enrollmentId, rating: 1 + (i % 5) })),
    );
    const accepted = results.filter((r) => r.userErrors.length === 0);
    expect(accepted).toHaveLength(1);
    expect(results.filter((r) => codes(r)[0] === 'ALREADY_REVIEWED')).toHaveLength(7);
    for (const r of results) expect(r.review!.id).toBe(accepted[0].review!.id);
    const { rows } = await db().query(`select count(*)::int as n from courses.review where enrollment_id = $1`, [done.enrollmentId]);
    expect(rows[0].n).toBe(1);
  });

  it('shows each of many participants sending the same document at once only their own review', async () => {
    const courseId = await createCourse();
    const people: string[] = [];
    for (let i = 0; i < 6; i++) people.push(await registerPerson());
    const sales = await Promise.all(people.map((participantId) => insertSale({ partnerId, courseId, participantId, status: 'COMPLETED' })));
    await Promise.all(
      sales.map((s, i) => submit(s.participantId, { enrollmentId: s.enrollmentId, rating: 1 + (i % 5), text: `${TEXT} #${i}` })),
    );
    const DOC = `{ me { enrollments { id review { text } } } }`;
    const seen = await Promise.all(
      sales.map(async (s) => gatewayQuery(DOC, {}, { token: await tokenFor('participant', s.participantId) })),
    );
    seen.forEach((res, i) => {
      expect(res.errors).toBeUndefined();
      expect(res.data!.me.enrollments).toEqual([{ id: sales[i].enrollmentId, review: { text: `${TEXT} #${i}` } }]);
    });
  });
});

/** The README's examples under "Ratings and reviews": the mutation, then the public catalogue query. */
function readmeExamples(): string[] {
  const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('**Ratings and reviews**'), readme.indexOf('**Partner** — signed requests'));
  return [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
}

describe('README ratings examples', () => {
  it('run as written, with a completed enrollment in place of the placeholder', async () => {
    const [mutation, catalogue] = readmeExamples();
    expect(mutation).toContain('reviewSubmit');
    const person = await registerPerson();
    const partnerId = await createPartner();
    const courseId = await createCourse();
    const sale = await insertSale({ partnerId, courseId, participantId: person, status: 'COMPLETED' });
    const token = await tokenFor('participant', person);
    const submitted = await gatewayQuery(mutation.replace('<a completed enrollment of yours>', sale.enrollmentId), {}, { token });
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.reviewSubmit).toEqual({ review: { id: expect.any(String), rating: 5 }, userErrors: [] });
    const listed = await gatewayQuery(catalogue);
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.courses.edges.length).toBeGreaterThan(0);
    for (const { node } of listed.data!.courses.edges) {
      // Other tests may have reviewed a demo course: the mean exists exactly when a review does.
      if (node.rating.count === 0) expect(node.rating.average).toBeNull();
      else expect(node.rating.average).toBeGreaterThanOrEqual(1);
    }
  });
});
