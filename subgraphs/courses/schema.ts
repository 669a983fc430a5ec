import { outboxFeedResolver } from '../../common/outbox-feed';
import { buildFederatedSchema } from '../../common/federation';
import type { CoursesContext } from './context';
import { CertificateResolver } from './certificate/certificate.resolver';
import { CourseResolver, InstitutionCoursesResolver } from './course/course.resolver';
import { EnrollmentResolver, ParticipantEnrollmentsResolver } from './enrollment/enrollment.resolver';
import { OfferingResolver, PartnerOfferingsResolver } from './offering/offering.resolver';
import { PurchaseResolver } from './purchase/purchase.resolver';
import { CourseReviewsResolver, EnrollmentReviewResolver, ReviewResolver } from './review/review.resolver';
import { CourseScheduleResolver, CourseSchedulesResolver } from './schedule/schedule.resolver';
import { canSeeCourse, canSeeSale } from './shared/visibility';

/**
 * Resolvers for federation `_entities` lookups, through per-request DataLoaders. They apply the same
 * visibility as the queries: an invisible record resolves to null exactly like a missing one.
 */
const referenceResolvers = {
  Course: {
    __resolveReference: async (ref: { id: string }, ctx: CoursesContext) => {
      const course = await ctx.loaders.course.load(ref.id);
      return course && canSeeCourse(ctx.identity, course) ? course : null;
    },
  },
  Enrollment: {
    __resolveReference: async (ref: { id: string }, ctx: CoursesContext) => {
      const enrollment = await ctx.loaders.enrollment.load(ref.id);
      return enrollment && canSeeSale(ctx.identity, enrollment) ? enrollment : null;
    },
  },
  Partner: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
  TrainingInstitution: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
  Participant: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
};

export const buildCoursesSchema = () =>
  buildFederatedSchema(
    {
      resolvers: [
        // The participants notifier turns purchases, attendance and completions into notifications.
        outboxFeedResolver('courses', ['analytics', 'participants', 'partners']),
        CourseResolver,
        CertificateResolver,
        InstitutionCoursesResolver,
        OfferingResolver,
        PartnerOfferingsResolver,
        PurchaseResolver,
        EnrollmentResolver,
        ParticipantEnrollmentsResolver,
        ReviewResolver,
        CourseReviewsResolver,
        EnrollmentReviewResolver,
        CourseScheduleResolver,
        CourseSchedulesResolver,
      ],
    },
    referenceResolvers,
  );
