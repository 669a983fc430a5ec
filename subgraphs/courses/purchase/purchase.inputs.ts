import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../../common/pagination';
import { SafeInt } from '../../../common/scalars';
import { PurchaseStatus } from './purchase.enums';

@InputType({ description: 'Step one of a purchase at a platform’s checkout.' })
export class PurchaseStartInput {
  @Field({ description: 'The participant’s 16-digit Kartu Prakerja card number (last digit is a Luhn check digit).' })
  cardNumber: string;

  @Field(() => ID, { description: 'The course bought (from partnerCourses).' })
  courseId: string;

  @Field({ description: 'The platform’s own invoice code: unique per platform, it makes retries safe.' })
  invoiceCode: string;

  @Field(() => SafeInt, { description: 'Amount in whole rupiah; must equal this platform’s price for the course.' })
  amount: number;

  @Field(() => ID, {
    nullable: true,
    description:
      'The schedule (dated session) bought, required for a course with schedules (`Course.schedules`) and refused for one without: a seat is held with the price.',
  })
  scheduleId?: string | null;
}

@InputType({ description: 'Step two of a purchase: the OTP the participant received.' })
export class PurchaseAuthorizeInput {
  @Field(() => ID, { description: 'The purchase returned by purchaseStart.' })
  purchaseId: string;

  @Field({ description: 'The 6-digit OTP.' })
  otp: string;
}

/** `purchases`: a page, filtered by flat optional arguments (combined with AND), like every list. */
@ArgsType()
export class PurchasesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only this platform’s purchases.' })
  partnerId?: string;

  @Field(() => PurchaseStatus, { nullable: true, description: 'Only purchases in this status.' })
  status?: PurchaseStatus;

  @Field({ nullable: true, description: 'Only purchases with this invoice code.' })
  invoiceCode?: string;
}
