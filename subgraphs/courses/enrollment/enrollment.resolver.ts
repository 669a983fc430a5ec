import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { isAdmin, isSelf, requirePartner, requireRole } from '../../../common/auth';
import { badInput, forbidden, payloadUserError, UserError } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { Connection, PageArgs, paginate } from '../../../common/pagination';
import { Money } from '../../../common/scalars';
import type { CoursesContext } from '../context';
import { Course } from '../course/course.entity';
import { participantRef, ParticipantRef, partnerRef, PartnerRef } from '../shared/entity-stubs';
import { canSeeSale, productionPartner } from '../shared/visibility';
import { Enrollment } from './enrollment.entity';
import { participantReference } from './participant-reference';
import { ATTENDANCE_REPORT_ERRORS, COMPLETION_REPORT_ERRORS, ENROLLMENT_VOID_ERRORS, EnrollmentStatus } from './enrollment.enums';
import { AttendanceReportInput, CompletionReportInput, EnrollmentsArgs, EnrollmentVoidInput } from './enrollment.inputs';
import { reportAttendance, reportCompletion, voidEnrollment } from './enrollment.service';
import { sandboxEnrollments, sandboxVoid } from '../sandbox-purchase/sandbox-purchase.service';
import { sandboxAttendance, sandboxCompletion } from '../sandbox-purchase/sandbox-report.service';

@ObjectType({ description: 'The certificate of a completed course.' })
export class Certificate {
  @Field({ description: 'Certificate number, as issued by the platform.' })
  number: string;

  @Field({ description: 'When the completion (and so the certificate) was recorded.' })
  issuedAt: Date;
}

@ObjectType({ description: 'A page of enrollments.' })
class EnrollmentConnection extends Connection(Enrollment, 'Enrollment', 'enrollment') {}

const EnrollmentVoidUserError = payloadUserError('EnrollmentVoid', ENROLLMENT_VOID_ERRORS);
const AttendanceReportUserError = payloadUserError('AttendanceReport', ATTENDANCE_REPORT_ERRORS);
const CompletionReportUserError = payloadUserError('CompletionReport', COMPLETION_REPORT_ERRORS);

@ObjectType({ description: 'Result of enrollmentVoid.' })
class EnrollmentVoidPayload {
  @Field(() => Enrollment, {
    nullable: true,
    description: 'The enrollment, CANCELLED with its refund (as it stands when refused; null when not found).',
  })
  enrollment: Enrollment | null;

  @Field(() => [EnrollmentVoidUserError], { description: 'Why the void was refused; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of attendanceReport.' })
class AttendanceReportPayload {
  @Field(() => Enrollment, {
    nullable: true,
    description: 'The enrollment with the session counted (as it stands when refused; null when not found).',
  })
  enrollment: Enrollment | null;

  @Field(() => [AttendanceReportUserError], { description: 'Why the attendance was refused; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of completionReport.' })
class CompletionReportPayload {
  @Field(() => Enrollment, {
    nullable: true,
    description: 'The enrollment, COMPLETED with its certificate (as it stands when refused; null when not found).',
  })
  enrollment: Enrollment | null;

  @Field(() => [CompletionReportUserError], { description: 'Why the completion was refused; empty on success.' })
  userErrors: UserError[];
}

@ArgsType()
class PartnerEnrollmentsArgs extends PageArgs {
  @Field(() => EnrollmentStatus, { nullable: true, description: 'Only enrollments in this status.' })
  status?: EnrollmentStatus | null;
}

@Resolver(() => Enrollment)
export class EnrollmentResolver {
  @Query(() => EnrollmentConnection, { nullable: true, description: 'The calling platform’s enrollments, newest first. Partners only.' })
  partnerEnrollments(@Args() { first, after, status }: PartnerEnrollmentsArgs, @Ctx() { em, identity }: CoursesContext) {
    if (identity.sandbox) return sandboxEnrollments(em, requirePartner(identity), { first, after }, status);
    const partnerId = productionPartner(identity);
    return paginate(
      em,
      Enrollment,
      { partnerId, ...(status ? { status } : {}) },
      { first, after, sortBy: 'enrolledAt', direction: 'desc' },
    );
  }

  @Query(() => EnrollmentConnection, { nullable: true, description: 'Every enrollment, newest first, filtered. Admin only.' })
  enrollments(@Args() { first, after, ...filter }: EnrollmentsArgs, @Ctx() { em, identity }: CoursesContext) {
    requireRole(identity, 'admin');
    for (const field of ['partnerId', 'participantId', 'courseId'] as const) {
      const value = filter?.[field];
      if (value && !isUuid(value)) throw badInput(`\`${field}\` is not a valid id`, field);
    }
    const where = {
      ...(filter?.partnerId ? { partnerId: filter.partnerId } : {}),
      ...(filter?.participantId ? { participantId: filter.participantId } : {}),
      ...(filter?.status ? { status: filter.status } : {}),
      ...(filter?.courseId ? { course: filter.courseId } : {}),
    };
    return paginate(em, Enrollment, where, { first, after, sortBy: 'enrolledAt', direction: 'desc' });
  }

  @Query(() => Enrollment, {
    nullable: true,
    description: 'One enrollment by id: the selling platform’s, the participant’s own, or any for admins; null otherwise.',
  })
  async enrollment(
    @Arg('id', () => ID, { description: 'Id of the enrollment.' }) id: string,
    @Ctx() { loaders, identity }: CoursesContext,
  ) {
    const enrollment = await loaders.enrollment.load(id); // a malformed id loads as null
    return enrollment && canSeeSale(identity, enrollment) ? enrollment : null;
  }

  @Mutation(() => EnrollmentVoidPayload, {
    nullable: true,
    description:
      'Voids the enrollment of an invoice that has no attendance yet and refunds the amount to the balance, once. Partners only.',
  })
  enrollmentVoid(
    @Arg('input', () => EnrollmentVoidInput, { description: 'Invoice code and reason.' }) input: EnrollmentVoidInput,
    @Ctx() { em, identity, services }: CoursesContext,
  ) {
    if (identity.sandbox) return sandboxVoid(em, services, requirePartner(identity), input.invoiceCode, input.reason);
    return voidEnrollment(em, services, productionPartner(identity), input.invoiceCode, input.reason);
  }

  @Mutation(() => AttendanceReportPayload, {
    nullable: true,
    description: 'Records one attended session (the same session again is a no-op). Partners only.',
  })
  attendanceReport(
    @Arg('input', () => AttendanceReportInput, { description: 'Enrollment, session and time.' }) input: AttendanceReportInput,
    @Ctx() { em, identity }: CoursesContext,
  ) {
    if (identity.sandbox) return sandboxAttendance(em, requirePartner(identity), input);
    return reportAttendance(em, productionPartner(identity), input);
  }

  @Mutation(() => CompletionReportPayload, {
    nullable: true,
    description: 'Completes an enrollment whose sessions were all attended, with score and certificate. Partners only.',
  })
  completionReport(
    @Arg('input', () => CompletionReportInput, { description: 'Enrollment, time, score, certificate.' }) input: CompletionReportInput,
    @Ctx() { em, identity, services }: CoursesContext,
  ) {
    if (identity.sandbox) return sandboxCompletion(em, requirePartner(identity), input);
    return reportCompletion(em, services, productionPartner(identity), input);
  }

  @FieldResolver(() => Money, { description: 'Amount debited from the participant’s balance.' })
  amount(@Root() enrollment: Enrollment) {
    return Money.idr(enrollment.amount);
  }

  @FieldResolver(() => Course, { description: 'The course.' })
  async course(@Root() enrollment: Enrollment, @Ctx() { loaders }: CoursesContext) {
    return (await loaders.course.load(enrollment.course.id))!;
  }

  @FieldResolver(() => PartnerRef, { nullable: true, description: 'The platform where the course was bought.' })
  platform(@Root() enrollment: Enrollment) {
    return partnerRef(enrollment.partnerId);
  }

  @FieldResolver(() => ParticipantRef, {
    nullable: true,
    description:
      'The participant (a reference: the participants subgraph decides which of their fields the caller may read). FORBIDDEN for platforms, which get `participantReference` instead.',
  })
  participant(@Root() enrollment: Enrollment, @Ctx() { identity }: CoursesContext) {
    // The programme-wide id would let platforms link one person's purchases across platforms.
    if (identity.role === 'partner') throw forbidden('Platforms see the participant only as participantReference');
    return participantRef(enrollment.participantId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'A pseudonymous reference of the participant for the selling platform: the same on all of that platform’s enrollments of the person, unlinkable to their references on other platforms and to their identity.',
  })
  participantReference(@Root() enrollment: Enrollment, @Ctx() { services }: CoursesContext) {
    return participantReference(services.config.participantReferenceSecret, enrollment.partnerId, enrollment.participantId);
  }

  @FieldResolver(() => Certificate, { nullable: true, description: 'The certificate, once COMPLETED.' })
  certificate(@Root() enrollment: Enrollment): Certificate | null {
    if (!enrollment.certificateNumber || !enrollment.certificateIssuedAt) return null;
    return Object.assign(new Certificate(), { number: enrollment.certificateNumber, issuedAt: enrollment.certificateIssuedAt });
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Amount returned to the balance by the void; null unless CANCELLED.' })
  refund(@Root() enrollment: Enrollment) {
    return enrollment.refundedAmount === null ? null : Money.idr(enrollment.refundedAmount);
  }
}

@Resolver(() => ParticipantRef)
export class ParticipantEnrollmentsResolver {
  @FieldResolver(() => [Enrollment], {
    nullable: true,
    description: 'The participant’s enrollments, newest first, with certificates. The participant themself or admins.',
  })
  enrollments(@Root() participant: ParticipantRef, @Ctx() { loaders, identity }: CoursesContext) {
    if (!isSelf(identity, participant.id) && !isAdmin(identity))
      throw forbidden('Only the participant or an admin may read their enrollments');
    return loaders.participantEnrollments.load(participant.id);
  }
}
