import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { isAdmin, requireRole } from '../../../common/auth';
import { forbidden, payloadUserError, UserError } from '../../../common/errors';
import { Connection, PageArgs, paginate } from '../../../common/pagination';
import type { CoursesContext } from '../context';
import { OfferingConnection } from '../offering/offering.resolver';
import { institutionRef, TrainingInstitutionRef } from '../shared/entity-stubs';
import { canSeeCourse } from '../shared/visibility';
import { Course } from './course.entity';
import { CourseCategory, CourseMode, CurationStatus } from './course.enums';
import { CourseCurateInput, CourseSubmitInput } from './course.inputs';
import { curateCourse, submitCourse } from './course.service';

@ObjectType({ description: 'A page of courses.' })
export class CourseConnection extends Connection(Course, 'Course', 'course') {}

/** What courseSubmit can refuse with. */
const COURSE_SUBMIT_ERRORS = {
  INSTITUTION_NOT_FOUND: 'The partners subgraph knows no training institution with this id.',
} as const;

/** What courseCurate can refuse with. */
const COURSE_CURATE_ERRORS = {
  NOTE_REQUIRED: 'A rejection needs a note saying why.',
  NOT_FOUND: 'There is no course with this id.',
  ALREADY_CURATED: 'The course is no longer SUBMITTED: it was already approved or rejected.',
} as const;

const CourseSubmitUserError = payloadUserError('CourseSubmit', COURSE_SUBMIT_ERRORS);
const CourseCurateUserError = payloadUserError('CourseCurate', COURSE_CURATE_ERRORS);

@ObjectType({ description: 'Result of courseSubmit.' })
class CourseSubmitPayload {
  @Field(() => Course, { nullable: true, description: 'The submitted course, SUBMITTED for curation (null when refused).' })
  course: Course | null;

  @Field(() => [CourseSubmitUserError], { description: 'Why the submission was refused; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of courseCurate.' })
class CourseCuratePayload {
  @Field(() => Course, {
    nullable: true,
    description: 'The course after the decision (as it stands when already curated; null when not found or refused).',
  })
  course: Course | null;

  @Field(() => [CourseCurateUserError], { description: 'Why the decision was refused; empty on success.' })
  userErrors: UserError[];
}

@ArgsType()
class CoursesArgs extends PageArgs {
  @Field(() => CourseCategory, { nullable: true, description: 'Only courses of this category.' })
  category?: CourseCategory | null;

  @Field(() => CourseMode, { nullable: true, description: 'Only courses delivered this way.' })
  mode?: CourseMode | null;

  @Field(() => CurationStatus, {
    nullable: true,
    description: 'Only courses in this curation status (default APPROVED). Statuses other than APPROVED are for admins.',
  })
  curationStatus?: CurationStatus | null;
}

@Resolver(() => Course)
export class CourseResolver {
  @Query(() => CourseConnection, {
    nullable: true,
    description: 'The course catalogue, oldest first. Public: APPROVED courses; admins may list other curation statuses.',
  })
  courses(@Args() { first, after, category, mode, curationStatus }: CoursesArgs, @Ctx() { em, identity }: CoursesContext) {
    const status = curationStatus ?? CurationStatus.APPROVED;
    if (status !== CurationStatus.APPROVED && !isAdmin(identity)) throw forbidden('Only admins may list courses that are not APPROVED');
    const where = { curationStatus: status, ...(category ? { category } : {}), ...(mode ? { mode } : {}) };
    return paginate(em, Course, where, { first, after, sortBy: 'createdAt', direction: 'asc' });
  }

  @Query(() => Course, {
    nullable: true,
    description: 'One course by id; null when unknown, or not APPROVED and the caller is not an admin.',
  })
  async course(@Arg('id', () => ID, { description: 'Id of the course.' }) id: string, @Ctx() { loaders, identity }: CoursesContext) {
    const course = await loaders.course.load(id); // a malformed id loads as null
    return course && canSeeCourse(identity, course) ? course : null;
  }

  @Mutation(() => CourseSubmitPayload, {
    nullable: true,
    description: 'Submits a course of a registered training institution for curation. Admin only.',
  })
  courseSubmit(
    @Arg('input', () => CourseSubmitInput, { description: 'The course.' }) input: CourseSubmitInput,
    @Ctx() { em, identity, services }: CoursesContext,
  ) {
    requireRole(identity, 'admin');
    return submitCourse(em, services.partners, input);
  }

  @Mutation(() => CourseCuratePayload, { nullable: true, description: 'Approves or rejects a SUBMITTED course. Admin only.' })
  courseCurate(
    @Arg('input', () => CourseCurateInput, { description: 'The decision.' }) input: CourseCurateInput,
    @Ctx() { em, identity }: CoursesContext,
  ) {
    requireRole(identity, 'admin');
    return curateCourse(em, input, identity.subject ?? 'admin');
  }

  @FieldResolver(() => TrainingInstitutionRef, {
    nullable: true,
    description: 'The training institution that owns and delivers the course.',
  })
  provider(@Root() course: Course) {
    return institutionRef(course.institutionId);
  }

  @FieldResolver(() => OfferingConnection, { description: 'The platforms currently selling the course, cheapest first.' })
  offerings(@Root() course: Course, @Args() { first, after }: PageArgs, @Ctx() { loaders }: CoursesContext) {
    return loaders.courseOfferings.load({ parentId: course.id, first, after });
  }
}

@Resolver(() => TrainingInstitutionRef)
export class InstitutionCoursesResolver {
  @FieldResolver(() => CourseConnection, { nullable: true, description: 'The institution’s APPROVED courses, oldest first.' })
  courses(@Root() institution: TrainingInstitutionRef, @Args() { first, after }: PageArgs, @Ctx() { loaders }: CoursesContext) {
    return loaders.institutionCourses.load({ parentId: institution.id, first, after });
  }
}
