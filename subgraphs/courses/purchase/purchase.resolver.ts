import { wrap } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requirePartner, requireRole } from '../../../common/auth';
import { badInput, payloadUserError, UserError } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { Connection, paginate } from '../../../common/pagination';
import { Money } from '../../../common/scalars';
import type { CoursesContext } from '../context';
import { Course } from '../course/course.entity';
import { Enrollment } from '../enrollment/enrollment.entity';
import { CourseSchedule } from '../schedule/schedule.entity';
import { partnerRef, PartnerRef } from '../shared/entity-stubs';
import { authorizePurchase } from './authorize.service';
import { Purchase } from './purchase.entity';
import { PURCHASE_AUTHORIZE_ERRORS, PURCHASE_START_ERRORS } from './purchase.enums';
import { PurchaseAuthorizeInput, PurchasesArgs, PurchaseStartInput } from './purchase.inputs';
import { startPurchase } from './purchase.service';
import { isSandboxView, sandboxAuthorize, sandboxPurchaseByInvoice, sandboxStart } from '../sandbox-purchase/sandbox-purchase.service';

@ObjectType({ description: 'A page of purchases.' })
class PurchaseConnection extends Connection(Purchase, 'Purchase', 'purchase') {}

const PurchaseStartUserError = payloadUserError('PurchaseStart', PURCHASE_START_ERRORS);
const PurchaseAuthorizeUserError = payloadUserError('PurchaseAuthorize', PURCHASE_AUTHORIZE_ERRORS);

@ObjectType({ description: 'Result of purchaseStart.' })
class PurchaseStartPayload {
  @Field(() => Purchase, { nullable: true, description: 'The purchase awaiting its OTP (the same one on a retry); null when refused.' })
  purchase: Purchase | null;

  @Field(() => [PurchaseStartUserError], {
    description: 'Why the purchase was refused; empty on success. A refusal leaves no hold on the balance.',
  })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of purchaseAuthorize.' })
class PurchaseAuthorizePayload {
  @Field(() => Enrollment, { nullable: true, description: 'The enrollment created (the same one on every retry); null when refused.' })
  enrollment: Enrollment | null;

  @Field(() => [PurchaseAuthorizeUserError], { description: 'Why the OTP was refused; empty on success.' })
  userErrors: UserError[];
}

@Resolver(() => Purchase)
export class PurchaseResolver {
  @Mutation(() => PurchaseStartPayload, {
    nullable: true,
    description:
      'Step one of a purchase: checks card, course, price and balance, holds the price on the balance (10 minutes by default) and sends a 6-digit OTP (valid 5 minutes by default) to the participant. Idempotent by invoice code. Partners only.',
  })
  purchaseStart(
    @Arg('input', () => PurchaseStartInput, { description: 'Card, course, invoice code and amount.' }) input: PurchaseStartInput,
    @Ctx() { em, identity, services }: CoursesContext,
  ) {
    const partnerId = requirePartner(identity);
    return identity.sandbox ? sandboxStart(em, services, partnerId, input) : startPurchase(em, services, partnerId, input);
  }

  @Mutation(() => PurchaseAuthorizePayload, {
    nullable: true,
    description:
      'Step two: checks the OTP (3 wrong tries lock the purchase, by default), debits the balance exactly once and creates the enrollment. Retries return the same enrollment. Partners only.',
  })
  purchaseAuthorize(
    @Arg('input', () => PurchaseAuthorizeInput, { description: 'Purchase and OTP.' }) input: PurchaseAuthorizeInput,
    @Ctx() { em, identity, services }: CoursesContext,
  ) {
    const partnerId = requirePartner(identity);
    if (identity.sandbox) return sandboxAuthorize(em, services, partnerId, input.purchaseId, input.otp);
    return authorizePurchase(em, services, partnerId, input.purchaseId, input.otp);
  }

  @Query(() => Purchase, {
    nullable: true,
    description: 'The calling platform’s purchase with this invoice code; null when there is none. Partners only.',
  })
  purchaseByInvoice(
    @Arg('invoiceCode', { description: 'The platform’s invoice code.' }) invoiceCode: string,
    @Ctx() { em, identity }: CoursesContext,
  ) {
    const partnerId = requirePartner(identity);
    if (identity.sandbox) return sandboxPurchaseByInvoice(em, partnerId, invoiceCode);
    return em.findOne(Purchase, { partnerId, invoiceCode: invoiceCode.trim() });
  }

  @Query(() => PurchaseConnection, { nullable: true, description: 'Every purchase, newest first, filtered. Admin only.' })
  purchases(@Args() { first, after, ...filter }: PurchasesArgs, @Ctx() { em, identity }: CoursesContext) {
    requireRole(identity, 'admin');
    if (filter?.partnerId && !isUuid(filter.partnerId)) throw badInput('`partnerId` is not a valid id', 'partnerId');
    const where = {
      ...(filter?.partnerId ? { partnerId: filter.partnerId } : {}),
      ...(filter?.status ? { status: filter.status } : {}),
      ...(filter?.invoiceCode ? { invoiceCode: filter.invoiceCode } : {}),
    };
    return paginate(em, Purchase, where, { first, after, sortBy: 'createdAt', direction: 'desc' });
  }

  @FieldResolver(() => Money, { description: 'Amount held (and debited once authorized).' })
  amount(@Root() purchase: Purchase) {
    return Money.idr(purchase.amount);
  }

  @FieldResolver(() => Course, { description: 'The course bought.' })
  async course(@Root() purchase: Purchase, @Ctx() { loaders }: CoursesContext) {
    // purchaseStart has the course loaded already (with the offering); other purchases batch through the loader.
    // A sandbox purchase's view holds a plain { id }, not a managed entity, so it takes the loader too.
    if (purchase.course instanceof Course && wrap(purchase.course).isInitialized()) return purchase.course;
    return (await loaders.course.load(purchase.course.id))!;
  }

  @FieldResolver(() => PartnerRef, { nullable: true, description: 'The platform where the purchase was made.' })
  platform(@Root() purchase: Purchase) {
    return partnerRef(purchase.partnerId);
  }

  @FieldResolver(() => CourseSchedule, {
    nullable: true,
    description: 'The schedule (dated session) whose seat the purchase holds or took; null for a course without schedules.',
  })
  schedule(@Root() purchase: Purchase, @Ctx() { loaders }: CoursesContext) {
    return purchase.scheduleId ? loaders.schedule.load(purchase.scheduleId) : null;
  }

  @FieldResolver(() => Enrollment, { nullable: true, description: 'The enrollment, once the purchase is AUTHORIZED.' })
  enrollment(@Root() purchase: Purchase, @Ctx() { loaders }: CoursesContext) {
    if (isSandboxView(purchase)) return purchase.sandboxEnrollment;
    return loaders.enrollmentByPurchase.load(purchase.id);
  }
}
