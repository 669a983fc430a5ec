import type { Identity } from '../../common/identity';
import { subgraphQuery } from './client';

/*
 * The catalogue a test needs, created as the programme office would (signed straight to the subgraphs, which
 * check what the office writes: a course's institution and an offering's platform must exist in the partners
 * subgraph). Used by the courses tests (tests/courses/fixtures.ts) and the partner API tests
 * (tests/support/partner.ts) alike.
 */

/** The programme office, as the gateway would sign for it. */
export const ADMIN: Identity = { role: 'admin', subject: 'test-admin', purpose: 'automated test' };

let counter = 0;
export const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

const courses = <T = Record<string, any>>(query: string, variables: Record<string, unknown>) =>
  subgraphQuery<T>('courses', query, variables, ADMIN);
const partners = <T = Record<string, any>>(query: string, variables: Record<string, unknown>) =>
  subgraphQuery<T>('partners', query, variables, ADMIN);

/** The user-error codes of a payload. */
export const codes = (payload: { userErrors: Array<{ code: string }> }) => payload.userErrors.map((e) => e.code);

/** A registered training institution; returns its id. */
export async function createInstitution(): Promise<string> {
  const res = await partners(
    `mutation($input: TrainingInstitutionRegisterInput!) { trainingInstitutionRegister(input: $input) { trainingInstitution { id } userErrors { code } } }`,
    {
      input: { name: unique('Lembaga Uji'), city: 'Jakarta' },
    },
  );
  if (!res.data?.trainingInstitutionRegister.trainingInstitution)
    throw new Error(`trainingInstitutionRegister failed: ${JSON.stringify(res)}`);
  return res.data.trainingInstitutionRegister.trainingInstitution.id as string;
}

let institution: Promise<string> | undefined;
/** One institution for the courses of a test file that do not need their own. */
export const sharedInstitution = () => (institution ??= createInstitution());

export interface CourseOptions {
  institutionId?: string;
  title?: string;
  category?: string;
  mode?: string;
  sessionCount?: number;
  minimumDurationMinutes?: number;
  minimumAge?: number;
  minimumEducation?: string;
  maximumAge?: number;
  approve?: boolean;
}

/** Submits (and by default approves) a course through the admin mutations; returns its id. */
export async function createCourse(options: CourseOptions = {}): Promise<string> {
  const submitted = await courses(
    `mutation($input: CourseSubmitInput!) { courseSubmit(input: $input) { course { id } userErrors { code } } }`,
    {
      input: {
        institutionId: options.institutionId ?? (await sharedInstitution()),
        title: options.title ?? unique('Pelatihan Uji'),
        description: 'Kursus untuk pengujian otomatis.',
        category: options.category ?? 'TECHNOLOGY',
        mode: options.mode ?? 'WEBINAR',
        sessionCount: options.sessionCount ?? 3,
        minimumDurationMinutes: options.minimumDurationMinutes ?? 0,
        minimumAge: options.minimumAge ?? null,
        minimumEducation: options.minimumEducation ?? null,
        maximumAge: options.maximumAge ?? null,
      },
    },
  );
  if (!submitted.data?.courseSubmit?.course) throw new Error(`courseSubmit failed: ${JSON.stringify(submitted)}`);
  const id = submitted.data.courseSubmit.course.id as string;
  if (options.approve !== false) {
    const curated = await courses(`mutation($input: CourseCurateInput!) { courseCurate(input: $input) { userErrors { code } } }`, {
      input: { courseId: id, decision: 'APPROVED', note: 'ok' },
    });
    if (curated.data!.courseCurate.userErrors.length) throw new Error('approval refused');
  }
  return id;
}

/** Lists a course on a platform at a price (admin), or withdraws it (`active` false); the platform must exist. */
export async function offer(courseId: string, partnerId: string, price: number, active = true): Promise<void> {
  const res = await courses(`mutation($input: OfferingSetInput!) { offeringSet(input: $input) { userErrors { code } } }`, {
    input: { courseId, partnerId, price, active },
  });
  if (res.data!.offeringSet.userErrors.length) throw new Error(JSON.stringify(res.data!.offeringSet.userErrors));
}

/** A course sold by this platform at this price. */
export async function offeredCourse(partnerId: string, price: number, options: CourseOptions = {}): Promise<string> {
  const courseId = await createCourse(options);
  await offer(courseId, partnerId, price);
  return courseId;
}
