import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { badInput, UserError } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import type { PartnersPort } from '../shared/partners.client';
import { institutionRefusal } from '../shared/reference-checks';
import { Course } from './course.entity';
import { CurationDecision, CurationStatus } from './course.enums';
import type { CourseCurateInput, CourseSubmitInput } from './course.inputs';

export interface CoursePayloadResult {
  course: Course | null;
  userErrors: UserError[];
}

/**
 * Records a course for curation, once the partners subgraph confirms the institution; malformed fields are
 * input errors, not business refusals.
 */
export async function submitCourse(em: EntityManager, partners: PartnersPort, input: CourseSubmitInput): Promise<CoursePayloadResult> {
  if (!isUuid(input.institutionId)) throw badInput('`institutionId` is not a valid id', 'institutionId');
  const title = input.title.trim();
  if (title.length < 3 || title.length > 200) throw badInput('`title` must be 3 to 200 characters', 'title');
  const description = input.description.trim();
  if (!description || description.length > 5000) throw badInput('`description` must be 1 to 5000 characters', 'description');
  if (!Number.isInteger(input.sessionCount) || input.sessionCount < 1 || input.sessionCount > 100)
    throw badInput('`sessionCount` must be 1 to 100', 'sessionCount');
  if (!Number.isInteger(input.minimumDurationMinutes) || input.minimumDurationMinutes < 0 || input.minimumDurationMinutes > 525_600) {
    throw badInput('`minimumDurationMinutes` must be 0 to 525600', 'minimumDurationMinutes');
  }
  for (const field of ['minimumAge', 'maximumAge'] as const) {
    const age = input[field];
    if (age != null && (!Number.isInteger(age) || age < 0 || age > 120)) throw badInput(`\`${field}\` must be 0 to 120`, field);
  }
  if (input.minimumAge != null && input.maximumAge != null && input.minimumAge > input.maximumAge)
    throw badInput('`maximumAge` must not be below `minimumAge`', 'maximumAge');
  const refusal = await institutionRefusal(partners, input.institutionId);
  if (refusal) return { course: null, userErrors: [refusal] };
  const course = em.create(Course, {
    institutionId: input.institutionId,
    title,
    description,
    category: input.category,
    mode: input.mode,
    sessionCount: input.sessionCount,
    minimumDurationMinutes: input.minimumDurationMinutes,
    minimumAge: input.minimumAge ?? null,
    minimumEducation: input.minimumEducation ?? null,
    maximumAge: input.maximumAge ?? null,
  });
  await em.flush();
  return { course, userErrors: [] };
}

/** Approves or rejects a SUBMITTED course, once; the row lock serialises concurrent curators. */
export async function curateCourse(em: EntityManager, input: CourseCurateInput, curator: string): Promise<CoursePayloadResult> {
  const note = input.note.trim();
  if (input.decision === CurationDecision.REJECTED && !note) {
    return { course: null, userErrors: [UserError.of('NOTE_REQUIRED', 'A rejection needs a note saying why', ['input', 'note'])] };
  }
  if (!isUuid(input.courseId)) return { course: null, userErrors: [UserError.of('NOT_FOUND', 'No such course', ['input', 'courseId'])] };
  return em.transactional(async (tx) => {
    const course = await tx.findOne(Course, { id: input.courseId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!course) return { course: null, userErrors: [UserError.of('NOT_FOUND', 'No such course', ['input', 'courseId'])] };
    if (course.curationStatus !== CurationStatus.SUBMITTED) {
      return { course, userErrors: [UserError.of('ALREADY_CURATED', `The course was already ${course.curationStatus}`)] };
    }
    course.curationStatus = input.decision === CurationDecision.APPROVED ? CurationStatus.APPROVED : CurationStatus.REJECTED;
    course.curationNote = note || null;
    course.curatedAt = new Date();
    course.curatedBy = curator;
    return { course, userErrors: [] };
  });
}
