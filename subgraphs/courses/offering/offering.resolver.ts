import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requirePartner, requireRole } from '../../../common/auth';
import { badInput, payloadUserError, UserError } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { Connection, PageArgs, paginate } from '../../../common/pagination';
import { Money } from '../../../common/scalars';
import type { CoursesContext } from '../context';
import { Course } from '../course/course.entity';
import { CourseCategory, CourseMode, CurationStatus } from '../course/course.enums';
import { institutionRef, partnerRef, PartnerRef, TrainingInstitutionRef } from '../shared/entity-stubs';
import { Offering, OfferingWithdrawal } from './offering.entity';
import { OfferingSetInput } from './offering.inputs';
import { setOffering } from './offering.service';

@ObjectType({ description: 'A page of offerings.' })
export class OfferingConnection extends Connection(Offering, 'Offering', 'offering') {}

/** What offeringSet can refuse with. */
const OFFERING_SET_ERRORS = {
  INVALID_PRICE: 'The price is not a whole rupiah amount within the allowed range.',
  COURSE_NOT_FOUND: 'There is no course with this id.',
  COURSE_NOT_APPROVED: 'Only APPROVED courses can be sold.',
  PARTNER_NOT_FOUND: 'The partners subgraph knows no platform with this id.',
  PARTNER_TERMINATED: 'The platform was terminated and can no longer sell; withdrawing with `active: false` is still allowed.',
} as const;

const OfferingSetUserError = payloadUserError('OfferingSet', OFFERING_SET_ERRORS);

@ObjectType({ description: 'Result of offeringSet.' })
class OfferingPayload {
  @Field(() => Offering, { nullable: true, description: 'The offering after the change (null when refused).' })
  offering: Offering | null;

  @Field(() => [OfferingSetUserError], { description: 'Why the change was refused; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'A course in the calling platform’s catalogue, with that platform’s price.' })
export class CatalogCourse {
  @Field(() => ID, { description: 'Id of the course (pass it as `courseId` to purchaseStart).' })
  id: string;

  @Field({ description: 'Title of the course.' })
  title: string;

  @Field(() => CourseCategory, { description: 'Programme category.' })
  category: CourseCategory;

  @Field(() => CourseMode, { description: 'How the course is delivered.' })
  mode: CourseMode;

  @Field(() => Int, { description: 'Number of sessions.' })
  sessionCount: number;

  @Field(() => Int, { description: 'Least minutes between enrolment and completion.' })
  minimumDurationMinutes: number;

  @Field(() => Money, { description: 'This platform’s price (the `amount` purchaseStart expects).' })
  price: Money;

  @Field(() => TrainingInstitutionRef, { nullable: true, description: 'The training institution that delivers the course.' })
  provider: TrainingInstitutionRef;

  @Field(() => Course, { description: 'The full course record.' })
  course: Course;
}

@ObjectType({ description: 'A page of the calling platform’s catalogue.' })
class CatalogCourseConnection extends Connection(CatalogCourse, 'CatalogCourse', 'catalogue course') {}

@ArgsType()
class OfferingsArgs extends PageArgs {
  @Field(() => ID, { description: 'The platform.' })
  partnerId: string;

  @Field(() => Boolean, { nullable: true, description: 'Only withdrawn offerings (true), only the others (false); omitted: all.' })
  withdrawn?: boolean | null;
}

@Resolver(() => Offering)
export class OfferingResolver {
  @FieldResolver(() => Course, { description: 'The course sold.' })
  async course(@Root() offering: Offering, @Ctx() { loaders }: CoursesContext) {
    return (await loaders.course.load(offering.course.id))!;
  }

  @FieldResolver(() => PartnerRef, { nullable: true, description: 'The platform selling it.' })
  platform(@Root() offering: Offering) {
    return partnerRef(offering.partnerId);
  }

  @FieldResolver(() => OfferingWithdrawal, {
    nullable: true,
    description: 'When and why the programme withdrew the offering (its platform was terminated); null when it was not. Admin only.',
  })
  withdrawal(@Root() offering: Offering, @Ctx() { identity }: CoursesContext) {
    requireRole(identity, 'admin');
    return offering.withdrawnAt ? { at: offering.withdrawnAt, reason: offering.withdrawalReason } : null;
  }

  @Query(() => OfferingConnection, {
    nullable: true,
    description: 'A platform’s offerings, newest listing first, active or not, with their withdrawal. Admin only.',
  })
  offerings(@Args() { first, after, partnerId, withdrawn }: OfferingsArgs, @Ctx() { em, identity }: CoursesContext) {
    requireRole(identity, 'admin');
    if (!isUuid(partnerId)) throw badInput('`partnerId` is not a valid id', 'partnerId');
    const where = { partnerId, ...(withdrawn == null ? {} : { withdrawnAt: withdrawn ? { $ne: null } : null }) };
    return paginate(em, Offering, where, { first, after, sortBy: 'createdAt', direction: 'desc' });
  }

  @FieldResolver(() => Money, { description: 'The platform’s price.' })
  price(@Root() offering: Offering) {
    return Money.idr(offering.price);
  }

  @Mutation(() => OfferingPayload, {
    nullable: true,
    description:
      'Lists an APPROVED course on a platform that exists and is not TERMINATED, at a price (1 to Rp3,500,000), or changes it. One offering per (course, platform). Admin only.',
  })
  offeringSet(
    @Arg('input', () => OfferingSetInput, { description: 'Course, platform and price.' }) input: OfferingSetInput,
    @Ctx() { em, identity, services }: CoursesContext,
  ) {
    requireRole(identity, 'admin');
    return setOffering(em, services.partners, input);
  }

  @Query(() => CatalogCourseConnection, {
    nullable: true,
    description: 'The courses the calling platform sells, at its price, in listing order. Partners only.',
  })
  async partnerCourses(@Args() { first, after }: PageArgs, @Ctx() { em, identity, loaders }: CoursesContext) {
    const partnerId = requirePartner(identity);
    const page = await paginate(
      em,
      Offering,
      { partnerId, active: true, course: { curationStatus: CurationStatus.APPROVED } },
      { first, after, sortBy: 'createdAt', direction: 'asc' },
    );
    const courses = await loaders.course.loadMany(page.edges.map((e) => e.node.course.id));
    return {
      ...page,
      edges: page.edges.map(({ cursor, node }, i) => {
        const course = courses[i] as Course;
        const item: CatalogCourse = {
          id: course.id,
          title: course.title,
          category: course.category,
          mode: course.mode,
          sessionCount: course.sessionCount,
          minimumDurationMinutes: course.minimumDurationMinutes,
          price: Money.idr(node.price),
          provider: institutionRef(course.institutionId),
          course,
        };
        return { cursor, node: item };
      }),
    };
  }
}

@Resolver(() => PartnerRef)
export class PartnerOfferingsResolver {
  @FieldResolver(() => OfferingConnection, {
    nullable: true,
    description: 'Courses the platform currently sells (APPROVED, active), oldest listing first. Public.',
  })
  offerings(@Root() partner: PartnerRef, @Args() { first, after }: PageArgs, @Ctx() { loaders }: CoursesContext) {
    return loaders.partnerOfferings.load({ parentId: partner.id, first, after });
  }
}
