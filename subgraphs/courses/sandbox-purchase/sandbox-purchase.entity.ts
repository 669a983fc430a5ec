import { BigIntType, Entity, Enum, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { newId } from '../../../common/ids';
import { PurchaseStatus } from '../purchase/purchase.enums';

/**
 * A sandbox platform's purchase with a test card. Its own table, with no outbox trigger and no reader among the
 * production paths (reconciler, statistics, analytics, admin lists), so nothing real ever counts it. Authorizing
 * it records the enrollment's transaction code here: a sandbox enrollment exists only as this row.
 */
@Entity({ tableName: 'sandbox_purchase' })
@Unique({ properties: ['partnerId', 'invoiceCode'] })
export class SandboxPurchase {
  [OptionalProps]?:
    | 'id'
    | 'status'
    | 'otpAttempts'
    | 'createdAt'
    | 'authorizedAt'
    | 'enrollmentId'
    | 'transactionCode'
    | 'cancelledAt'
    | 'cancelReason'
    | 'attendedSessions'
    | 'completedAt'
    | 'score'
    | 'certificateNumber';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  partnerId: string;

  @Property({ type: 'text' })
  invoiceCode: string;

  @Property({ type: 'text' })
  cardNumber: string;

  @Property({ type: 'uuid' })
  courseId: string;

  @Property({ type: new BigIntType('number') })
  amount: number;

  @Enum({ items: () => PurchaseStatus, nativeEnumName: 'purchase_status' })
  status: PurchaseStatus = PurchaseStatus.AWAITING_OTP;

  @Property({ type: 'integer' })
  otpAttempts = 0;

  @Property({ type: 'timestamptz' })
  otpExpiresAt: Date;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  authorizedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  enrollmentId: string | null = null;

  @Property({ type: 'text', nullable: true })
  transactionCode: string | null = null;

  /** When VoidPurchase cancelled the sandbox enrollment (and credited the test card back). */
  @Property({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  cancelReason: string | null = null;

  /** Sessions reported attended (rows of sandbox_attendance), as on a production enrollment. */
  @Property({ type: 'integer' })
  attendedSessions = 0;

  /** The sandbox enrollment's completion as reported; null until then. */
  @Property({ type: 'timestamptz', nullable: true })
  completedAt: Date | null = null;

  @Property({ type: 'integer', nullable: true })
  score: number | null = null;

  @Property({ type: 'text', nullable: true })
  certificateNumber: string | null = null;
}

/** One session of a sandbox enrollment reported attended. */
@Entity({ tableName: 'sandbox_attendance' })
export class SandboxAttendance {
  @PrimaryKey({ type: 'uuid' })
  sandboxPurchaseId: string;

  @PrimaryKey({ type: 'integer' })
  session: number;

  @Property({ type: 'timestamptz' })
  attendedAt: Date;
}
