import { Arg, Args, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireRole } from '../../../common/auth';
import { badInput, payloadUserError, UserError } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { Connection, paginate } from '../../../common/pagination';
import type { PartnersContext } from '../context';
import { Partner } from '../partner/partner.entity';
import { ownPartnerOf, requireOfficeOrOwnStaff } from './webhook.access';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './webhook.entity';
import { WebhookDeliveriesArgs, WebhookDeliveryRedeliverInput, WebhookEndpointSetInput } from './webhook.inputs';
import { redeliver, setEndpoint, WEBHOOK_DELIVERY_REDELIVER_ERRORS, WEBHOOK_ENDPOINT_SET_ERRORS } from './webhook.service';

@ObjectType({ description: 'A page of webhook deliveries.' })
class WebhookDeliveryConnection extends Connection(WebhookDelivery, 'WebhookDelivery', 'webhook delivery') {}

const WebhookEndpointSetUserError = payloadUserError('WebhookEndpointSet', WEBHOOK_ENDPOINT_SET_ERRORS);
const WebhookDeliveryRedeliverUserError = payloadUserError('WebhookDeliveryRedeliver', WEBHOOK_DELIVERY_REDELIVER_ERRORS);

@ObjectType({ description: 'Result of webhookEndpointSet.' })
class WebhookEndpointSetPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint as registered; null when refused.' })
  endpoint: WebhookEndpoint | null;

  @Field(() => [WebhookEndpointSetUserError], { description: 'Why the request was refused; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of webhookDeliveryRedeliver.' })
class WebhookDeliveryRedeliverPayload {
  @Field(() => WebhookDelivery, { nullable: true, description: 'The delivery, PENDING and due now; null when refused.' })
  delivery: WebhookDelivery | null;

  @Field(() => [WebhookDeliveryRedeliverUserError], { description: 'Why the request was refused; empty on success.' })
  userErrors: UserError[];
}

@Resolver(() => WebhookDelivery)
export class WebhookResolver {
  @Mutation(() => WebhookEndpointSetPayload, {
    nullable: true,
    description:
      "Registers the platform's webhook endpoint, or changes its URL. Events that happen from then on are POSTed to it, signed with the platform's signing key (docs/partner-guide.md). The office, or the platform's own staff.",
  })
  webhookEndpointSet(
    @Arg('input', () => WebhookEndpointSetInput, { description: 'The platform and its URL.' }) input: WebhookEndpointSetInput,
    @Ctx() { em, identity, config }: PartnersContext,
  ) {
    requireOfficeOrOwnStaff(identity, input.partnerId);
    return setEndpoint(em, input, config.webhooks.allowLocalHttp);
  }

  @Mutation(() => WebhookDeliveryRedeliverPayload, {
    nullable: true,
    description:
      'Sends a delivery again (same delivery id and body), due now, keeping its place in the platform’s order. The office, or the platform’s own staff for its own deliveries.',
  })
  webhookDeliveryRedeliver(
    @Arg('input', () => WebhookDeliveryRedeliverInput, { description: 'The delivery.' }) input: WebhookDeliveryRedeliverInput,
    @Ctx() { em, identity }: PartnersContext,
  ) {
    requireRole(identity, 'admin', 'partnerStaff');
    return redeliver(em, input.deliveryId, ownPartnerOf(identity));
  }

  @Query(() => WebhookDeliveryConnection, {
    nullable: true,
    description:
      "A platform's webhook delivery log, newest first: attempts, status codes, next retry. The office, or the platform's own staff.",
  })
  webhookDeliveries(@Args() { partnerId, first, after, status }: WebhookDeliveriesArgs, @Ctx() { em, identity }: PartnersContext) {
    requireOfficeOrOwnStaff(identity, partnerId);
    if (!isUuid(partnerId)) throw badInput('`partnerId` is not a valid id', 'partnerId');
    return paginate(
      em,
      WebhookDelivery,
      { partnerId, ...(status ? { status } : {}) },
      { first, after, sortBy: 'createdAt', direction: 'desc' },
    );
  }

  @FieldResolver(() => [WebhookAttempt], { description: 'Every attempt, oldest first.' })
  attemptLog(@Root() delivery: WebhookDelivery, @Ctx() { loaders }: PartnersContext) {
    return loaders.attemptsByDelivery.load(delivery.id);
  }
}

@Resolver(() => Partner)
export class PartnerWebhookFieldResolver {
  @FieldResolver(() => WebhookEndpoint, {
    nullable: true,
    description: "The platform's webhook endpoint; null when none is registered. The office, or the platform's own staff.",
  })
  webhookEndpoint(@Root() partner: Partner, @Ctx() { identity, loaders }: PartnersContext) {
    requireOfficeOrOwnStaff(identity, partner.id);
    return loaders.endpointByPartner.load(partner.id);
  }
}
