import { randomUUID } from 'node:crypto';
import { ANONYMOUS, courses, createCourse, createInstitution } from './fixtures';

const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
const codeOf = (res: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => res.errors?.[0]?.extensions?.code;

/* Malformed ids and crafted cursors are refused as input; they never reach PostgreSQL as an INTERNAL_SERVER_ERROR. */
describe('malformed input', () => {
  it('refuses malformed ids in the admin purchase and enrollment filters as BAD_USER_INPUT', async () => {
    expect(codeOf(await courses(`{ purchases(first: 5, partnerId: "x") { totalCount } }`))).toBe('BAD_USER_INPUT');
    for (const field of ['partnerId', 'participantId', 'courseId']) {
      expect(codeOf(await courses(`{ enrollments(first: 5, ${field}: "x") { totalCount } }`))).toBe('BAD_USER_INPUT');
    }
    expect((await courses(`{ enrollments(first: 5, courseId: "${randomUUID()}") { totalCount } }`)).data!.enrollments.totalCount).toBe(0);
  });

  it('resolves the valid Course and Enrollment references of an _entities batch and null for a malformed id', async () => {
    const id = await createCourse();
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Course { id } ... on Enrollment { id } } }`;
    const reps = [
      { __typename: 'Course', id },
      { __typename: 'Course', id: 'x' },
      { __typename: 'Enrollment', id: 'x' },
    ];
    const res = await courses(query, { reps }, ANONYMOUS);
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([{ id }, null, null]);
  });

  it('refuses a crafted cursor on TrainingInstitution.courses as BAD_USER_INPUT', async () => {
    const institutionId = await createInstitution();
    await createCourse({ institutionId });
    const query = `query($reps: [_Any!]!, $after: String) { _entities(representations: $reps) { ... on TrainingInstitution { courses(first: 1, after: $after) { totalCount } } } }`;
    const reps = [{ __typename: 'TrainingInstitution', id: institutionId }];
    for (const after of [cursor(['not-a-date', randomUUID()]), cursor([new Date().toISOString(), 'x'])]) {
      expect(codeOf(await courses(query, { reps, after }, ANONYMOUS))).toBe('BAD_USER_INPUT');
    }
    expect(
      (await courses(query, { reps, after: cursor([new Date(0).toISOString(), randomUUID()]) }, ANONYMOUS)).data!._entities[0].courses
        .totalCount,
    ).toBe(1);
  });

  it('refuses a crafted cursor on a top-level list as BAD_USER_INPUT', async () => {
    for (const after of [
      cursor(['not-a-date', randomUUID()]),
      cursor(['2026-13-45T99:00:00Z', randomUUID()]),
      cursor([new Date().toISOString(), 'x']),
    ]) {
      expect(codeOf(await courses(`query($after: String) { courses(first: 1, after: $after) { totalCount } }`, { after }, ANONYMOUS))).toBe(
        'BAD_USER_INPUT',
      );
    }
  });
});
