import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphContext } from '../../common/context';
import type { CoursesConfig } from './config';
import { courseLoader, institutionCoursesLoader } from './course/course.loader';
import { enrollmentByPurchaseLoader, enrollmentLoader, participantEnrollmentsLoader } from './enrollment/enrollment.loader';
import { courseOfferingsLoader, partnerOfferingsLoader } from './offering/offering.loader';
import type { Notifier } from './purchase/notifier';
import { courseSchedulesLoader, scheduleLoader, scheduleSeatsLoader } from './schedule/schedule.loader';
import { courseRatingLoader, courseReviewsLoader, enrollmentReviewLoader } from './review/review.loader';
import type { ParticipantsPort } from './shared/participants.client';
import type { PartnersPort } from './shared/partners.client';

/** Long-lived collaborators, created once per process and shared by every request and job. */
export interface CoursesServices {
  config: CoursesConfig;
  participants: ParticipantsPort;
  partners: PartnersPort;
  notifier: Notifier;
}

/** Per-request context of the courses subgraph: fresh DataLoaders for every request. */
export function createLoaders(em: EntityManager) {
  return {
    course: courseLoader(em),
    institutionCourses: institutionCoursesLoader(em),
    courseOfferings: courseOfferingsLoader(em),
    partnerOfferings: partnerOfferingsLoader(em),
    enrollment: enrollmentLoader(em),
    enrollmentByPurchase: enrollmentByPurchaseLoader(em),
    participantEnrollments: participantEnrollmentsLoader(em),
    courseRating: courseRatingLoader(em),
    courseReviews: courseReviewsLoader(em),
    enrollmentReview: enrollmentReviewLoader(em),
    courseSchedules: courseSchedulesLoader(em),
    schedule: scheduleLoader(em),
    scheduleSeats: scheduleSeatsLoader(em),
  };
}

export interface CoursesContext extends SubgraphContext {
  loaders: ReturnType<typeof createLoaders>;
  services: CoursesServices;
}
