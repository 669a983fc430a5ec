import { db } from '../support/client';
import { createPartner, insertSale } from '../courses/fixtures';
import { countQueries, inProcessEnv, settle, type InProcessSubgraph } from './support';

/**
 * Entity references and list fields are batched: resolving 2 or 20 parents costs the same number of SQL
 * statements. (One subgraph per test file: type-graphql's metadata is process-wide.)
 */
const { startCourses } = require('../../dist/subgraphs/courses/index') as typeof import('../../subgraphs/courses/index');
const { loadConfig } = require('../../dist/subgraphs/courses/config') as typeof import('../../subgraphs/courses/config');

let courses: InProcessSubgraph;
beforeAll(async () => {
  courses = await startCourses(loadConfig(inProcessEnv()));
  await settle();
});
afterAll(() => courses.stop());

const ANONYMOUS = { role: 'anonymous' } as const;

describe('courses subgraph batching', () => {
  it('resolves Partner.offerings with nested courses for many partners in as many statements as for two', async () => {
    // Platforms that do sell something (other tests leave platforms with only withdrawn or unapproved listings).
    const { rows } = await db().query(
      `SELECT DISTINCT o.partner_id FROM courses.offering o JOIN courses.course c ON c.id = o.course_id WHERE o.active AND c.curation_status = 'APPROVED' ORDER BY 1 LIMIT 8`,
    );
    expect(rows.length).toBe(8);
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Partner { offerings(first: 5) { totalCount edges { node { price { amount } course { title sessionCount } } } } } } }`;
    const reps = (n: number) => rows.slice(0, n).map((r) => ({ __typename: 'Partner', id: r.partner_id }));
    const few = await countQueries(courses, query, { reps: reps(2) }, ANONYMOUS);
    const many = await countQueries(courses, query, { reps: reps(8) }, ANONYMOUS);
    expect(many.errors).toBeUndefined();
    expect(many.data._entities.every((p: { offerings: { edges: unknown[] } }) => p.offerings.edges.length > 0)).toBe(true);
    expect(few.statements).toBeGreaterThan(0);
    expect(many.statements).toBe(few.statements);
    expect(many.statements).toBeLessThanOrEqual(6);
  });

  it('resolves TrainingInstitution.courses for twenty institutions in as many statements as for two', async () => {
    const { rows } = await db().query(
      `SELECT DISTINCT institution_id FROM courses.course WHERE curation_status = 'APPROVED' ORDER BY institution_id LIMIT 20`,
    );
    expect(rows.length).toBe(20);
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on TrainingInstitution { courses(first: 3) { totalCount edges { node { id title offerings(first: 5) { edges { node { price { amount } } } } } } } } } }`;
    const reps = (n: number) => rows.slice(0, n).map((r) => ({ __typename: 'TrainingInstitution', id: r.institution_id }));
    const few = await countQueries(courses, query, { reps: reps(2) }, ANONYMOUS);
    const many = await countQueries(courses, query, { reps: reps(20) }, ANONYMOUS);
    expect(many.errors).toBeUndefined();
    expect(few.statements).toBeGreaterThan(0);
    expect(many.statements).toBe(few.statements);
  });

  it('resolves Course entity references in one statement whatever their number', async () => {
    const { rows } = await db().query(`SELECT id FROM courses.course WHERE curation_status = 'APPROVED' LIMIT 50`);
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Course { id title } } }`;
    const one = await countQueries(courses, query, { reps: rows.slice(0, 1).map((r) => ({ __typename: 'Course', id: r.id })) }, ANONYMOUS);
    const fifty = await countQueries(courses, query, { reps: rows.map((r) => ({ __typename: 'Course', id: r.id })) }, ANONYMOUS);
    expect(fifty.data._entities).toHaveLength(50);
    expect(one.statements).toBe(1);
    expect(fifty.statements).toBe(one.statements);
  });
  it('resolves Course.rating and Course.reviews for twenty courses in as many statements as for two', async () => {
    const { rows } = await db().query(`SELECT id FROM courses.course WHERE curation_status = 'APPROVED' ORDER BY id LIMIT 20`);
    expect(rows.length).toBe(20);
    // Reviews of the first two, so that the grouped and windowed queries have rows.
    const partnerId = await createPartner();
    for (const { id: courseId } of rows.slice(0, 2)) {
      const sale = await insertSale({ partnerId, courseId, status: 'COMPLETED' });
      await db().query(
        `INSERT INTO courses.review (id, enrollment_id, course_id, participant_id, rating, text, created_at) VALUES (gen_random_uuid(), $1, $2, $3, 4, 'Cukup membantu saya.', now())`,
        [sale.enrollmentId, courseId, sale.participantId],
      );
    }
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Course { rating { count average } reviews(first: 3) { totalCount edges { node { rating text } } } } } }`;
    const reps = (n: number) => rows.slice(0, n).map((r) => ({ __typename: 'Course', id: r.id }));
    const few = await countQueries(courses, query, { reps: reps(2) }, ANONYMOUS);
    const many = await countQueries(courses, query, { reps: reps(20) }, ANONYMOUS);
    expect(many.errors).toBeUndefined();
    expect(many.data._entities).toHaveLength(20);
    expect(many.data._entities[0].rating.count).toBeGreaterThan(0);
    expect(many.data._entities[0].reviews.edges.length).toBeGreaterThan(0);
    expect(few.statements).toBeGreaterThan(0);
    expect(many.statements).toBe(few.statements);
  });
});
