import { BigIntType, Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../../common/ids';
import { Course } from '../course/course.entity';
import type { SeatStatus } from './seats';
import { PurchaseEndReason, PurchaseStatus } from './purchase.enums';

@ObjectType({
  description:
    'Step one of buying a course: a hold on the participant’s balance awaiting the OTP. Keyed by the platform’s own invoice code.',
})
@Entity({ tableName: 'purchase' })
@Unique({ name: 'purchase_partner_invoice_unique', properties: ['partnerId', 'invoiceCode'] })
@Index({ name: 'purchase_partner_created_idx', properties: ['partnerId', 'createdAt', 'id'] })
@Index({ name: 'purchase_status_hold_idx', properties: ['status', 'holdExpiresAt'] })
@Check({ name: 'purchase_amount_check', expression: 'amount > 0' })
@Check({ name: 'purchase_otp_attempts_check', expression: 'otp_attempts >= 0' })
@Check({ name: 'purchase_end_reason_check', expression: "end_reason is null or status = 'EXPIRED'" })
export class Purchase {
  [OptionalProps]?:
    | 'id'
    | 'status'
    | 'otpHash'
    | 'otpSeed'
    | 'otpDeliveredAt'
    | 'otpGeneration'
    | 'otpExpiresAt'
    | 'otpAttempts'
    | 'holdReleased'
    | 'createdAt'
    | 'updatedAt'
    | 'authorizedAt'
    | 'scheduleId'
    | 'seatStatus'
    | 'endReason';

  @Field(() => ID, { description: 'Opaque id of the purchase; pass it to purchaseAuthorize.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** The selling platform; a partner only ever sees its own purchases. */
  @Property({ type: 'uuid' })
  partnerId: string;

  @Field({ description: 'The platform’s own invoice code, unique per platform.' })
  @Property({ type: 'text' })
  invoiceCode: string;

  /** Card number as given at start: compared on retries and never exposed. */
  @Property({ type: 'text' })
  cardNumber: string;

  /** Card holder, as the participants subgraph answered at start. */
  @Property({ type: 'uuid' })
  @Index()
  participantId: string;

  @ManyToOne(() => Course)
  course: Course;

  /** Whole rupiah held and, once authorized, debited. */
  @Property({ type: new BigIntType('number') })
  amount: number;

  @Field(() => PurchaseStatus, { description: 'Where the purchase is.' })
  @Enum({ items: () => PurchaseStatus, nativeEnumName: 'purchase_status' })
  status: PurchaseStatus = PurchaseStatus.AWAITING_OTP;

  /** HMAC-SHA256 of the current OTP (bound to purchase id and generation); null until one is sent. */
  @Property({ type: 'text', nullable: true })
  otpHash: string | null = null;

  /** How many OTPs were issued; the delivery of each is idempotent by (purchase, generation). */
  @Property({ type: 'integer' })
  otpGeneration: number = 0;

  /**
   * Seed of the current OTP (see deriveOtp) while its delivery is unconfirmed: a retry or the reconciler sends
   * the same code again under the same delivery reference. Null once delivered (and for no OTP).
   */
  @Property({ type: 'text', nullable: true })
  otpSeed: string | null = null;

  /** When the delivery channel confirmed the current OTP; null while it is unconfirmed. */
  @Property({ type: 'timestamptz', nullable: true })
  otpDeliveredAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'Until when the OTP sent to the participant is valid.' })
  @Property({ type: 'timestamptz', nullable: true })
  otpExpiresAt: Date | null = null;

  /** Wrong OTPs so far (for the current purchase, across generations). */
  @Property({ type: 'integer' })
  otpAttempts: number = 0;

  @Field(() => PurchaseEndReason, {
    nullable: true,
    description: 'Why an EXPIRED purchase ended; null for other statuses (and for purchases that expired before reasons were recorded).',
  })
  @Enum({ items: () => PurchaseEndReason, nativeEnumName: 'purchase_end_reason', nullable: true })
  endReason: PurchaseEndReason | null = null;

  @Field({ description: 'Until when the amount is held; after it the purchase expires.' })
  @Property({ type: 'timestamptz' })
  holdExpiresAt: Date;

  /** Whether the hold of an EXPIRED or LOCKED purchase was released (the reconciler retries until it is). */
  @Property({ type: 'boolean' })
  holdReleased: boolean = false;

  @Field({ description: 'When the purchase was started.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field({ description: 'When the purchase last changed status.' })
  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();

  /** The schedule whose seat the purchase holds or took (exposed as `schedule`); null for a course without schedules. */
  @Property({ type: 'uuid', nullable: true })
  scheduleId: string | null = null;

  /** The seat's state on that schedule (purchase/seats.ts); null without a schedule. */
  @Property({ type: 'text', nullable: true })
  seatStatus: SeatStatus | null = null;

  @Field(() => Date, { nullable: true, description: 'When the OTP was accepted and the debit made.' })
  @Property({ type: 'timestamptz', nullable: true })
  authorizedAt: Date | null = null;
}
