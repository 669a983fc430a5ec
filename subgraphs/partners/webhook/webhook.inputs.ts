import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../../common/pagination';
import { WebhookDeliveryStatus } from './webhook.entity';

@InputType({ description: "A platform's webhook endpoint: registers it, or replaces its URL." })
export class WebhookEndpointSetInput {
  @Field(() => ID, { description: 'The platform (its own id, for its staff).' })
  partnerId: string;

  @Field({ description: 'An https:// URL (plain http://127.0.0.1 or localhost only outside production).' })
  url: string;
}

@InputType({ description: 'A delivery to send again.' })
export class WebhookDeliveryRedeliverInput {
  @Field(() => ID, { description: 'The delivery (its id is the `x-delivery-id` the platform received).' })
  deliveryId: string;
}

@ArgsType()
export class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => ID, { description: 'The platform whose delivery log to read (its own id, for its staff).' })
  partnerId: string;

  @Field(() => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this status.' })
  status?: WebhookDeliveryStatus | null;
}
