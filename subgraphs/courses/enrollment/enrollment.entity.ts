import { BigIntType, Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../../common/ids';
import { Course } from '../course/course.entity';
import { Purchase } from '../purchase/purchase.entity';
import { EnrollmentStatus } from './enrollment.enums';

@ObjectType({
  description:
    'A participant’s place in a course, created when a purchase is authorized. Partners see only their own; participants only theirs.',
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'enrollment' })
@Unique({ name: 'enrollment_partner_invoice_unique', properties: ['partnerId', 'invoiceCode'] })
@Index({ name: 'enrollment_partner_enrolled_idx', properties: ['partnerId', 'enrolledAt', 'id'] })
@Index({ name: 'enrollment_participant_course_idx', properties: ['participantId', 'course'] })
// Anyone may check a certificate number (certificateVerification): one index probe, whatever the number of enrollments.
@Index({ name: 'enrollment_certificate_number_idx', properties: ['certificateNumber'] })
@Check({ name: 'enrollment_score_check', expression: 'score is null or score between 0 and 100' })
@Check({ name: 'enrollment_attended_check', expression: 'attended_sessions >= 0' })
export class Enrollment {
  [OptionalProps]?:
    | 'id'
    | 'status'
    | 'attendedSessions'
    | 'completedAt'
    | 'score'
    | 'certificateNumber'
    | 'certificateIssuedAt'
    | 'completionRecorded'
    | 'cancelReason'
    | 'cancelledAt'
    | 'refundedAmount'
    | 'createdAt';

  @Field(() => ID, { description: 'Opaque id of the enrollment.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** One enrollment per purchase: makes creating it idempotent. */
  @ManyToOne(() => Purchase, { unique: 'enrollment_purchase_unique' })
  purchase: Purchase;

  @Property({ type: 'uuid' })
  partnerId: string;

  @Property({ type: 'uuid' })
  participantId: string;

  @ManyToOne(() => Course)
  @Index()
  course: Course;

  @Field({ description: 'The platform’s invoice code of the purchase.' })
  @Property({ type: 'text' })
  invoiceCode: string;

  @Field({ description: 'Programme transaction code of the debit, unique across the programme.' })
  @Property({ type: 'text', unique: 'enrollment_transaction_code_unique' })
  transactionCode: string;

  /** Whole rupiah debited. */
  @Property({ type: new BigIntType('number') })
  amount: number;

  @Field(() => EnrollmentStatus, { description: 'Where the enrollment is.' })
  @Enum({ items: () => EnrollmentStatus, nativeEnumName: 'enrollment_status' })
  status: EnrollmentStatus = EnrollmentStatus.ENROLLED;

  @Field({ description: 'When the purchase was authorized and the participant enrolled.' })
  @Property({ type: 'timestamptz' })
  enrolledAt: Date;

  @Field(() => Int, { description: 'Number of distinct sessions reported as attended.' })
  @Property({ type: 'integer' })
  attendedSessions: number = 0;

  @Field(() => Date, { nullable: true, description: 'When the participant completed the course, as the platform reported.' })
  @Property({ type: 'timestamptz', nullable: true })
  completedAt: Date | null = null;

  @Field(() => Int, { nullable: true, description: 'Final score, 0..100; null until completed.' })
  @Property({ type: 'integer', nullable: true })
  score: number | null = null;

  @Property({ type: 'text', nullable: true })
  certificateNumber: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  certificateIssuedAt: Date | null = null;

  /** Whether the participants subgraph has recorded the completion (the reconciler retries until it has). */
  @Property({ type: 'boolean' })
  completionRecorded: boolean = false;

  /** Why the platform voided it. */
  @Property({ type: 'text', nullable: true })
  cancelReason: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When the enrollment was voided; null unless CANCELLED.' })
  @Property({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null = null;

  /** Whole rupiah refunded by the void; null unless CANCELLED. */
  @Property({ type: new BigIntType('number'), nullable: true })
  refundedAmount: number | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

@Entity({ tableName: 'attendance' })
@Unique({ name: 'attendance_enrollment_session_unique', properties: ['enrollment', 'session'] })
@Check({ name: 'attendance_session_check', expression: 'session >= 1' })
export class Attendance {
  [OptionalProps]?: 'id' | 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Enrollment, { deleteRule: 'cascade' })
  enrollment: Enrollment;

  @Property({ type: 'integer' })
  session: number;

  @Property({ type: 'timestamptz' })
  attendedAt: Date;

  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();
}
