import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../../common/pagination';
import { EnrollmentStatus } from './enrollment.enums';

@InputType({ description: 'Voids the enrollment of an invoice (no attendance yet) and refunds its amount.' })
export class EnrollmentVoidInput {
  @Field({ description: 'The platform’s invoice code of the purchase.' })
  invoiceCode: string;

  @Field({ description: 'Why the enrollment is voided.' })
  reason: string;
}

@InputType({ description: 'One attended session of an enrollment.' })
export class AttendanceReportInput {
  @Field(() => ID, { description: 'The enrollment.' })
  enrollmentId: string;

  @Field(() => Int, { description: 'Session number, 1..sessionCount of the course.' })
  session: number;

  @Field({ description: 'When the participant attended.' })
  attendedAt: Date;
}

@InputType({ description: 'Completion of an enrollment whose sessions were all attended.' })
export class CompletionReportInput {
  @Field(() => ID, { description: 'The enrollment.' })
  enrollmentId: string;

  @Field({ description: 'When the participant completed the course; at least minimumDurationMinutes after enrolment, not in the future.' })
  completedAt: Date;

  @Field(() => Int, { description: 'Final score, 0..100.' })
  score: number;

  @Field({ description: 'Number of the certificate the platform issued.' })
  certificateNumber: string;
}

/** `enrollments`: a page, filtered by flat optional arguments (combined with AND), like every list. */
@ArgsType()
export class EnrollmentsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only this platform’s enrollments.' })
  partnerId?: string;

  @Field(() => ID, { nullable: true, description: 'Only this participant’s enrollments.' })
  participantId?: string;

  @Field(() => EnrollmentStatus, { nullable: true, description: 'Only enrollments in this status.' })
  status?: EnrollmentStatus;

  @Field(() => ID, { nullable: true, description: 'Only enrollments in this course.' })
  courseId?: string;
}
