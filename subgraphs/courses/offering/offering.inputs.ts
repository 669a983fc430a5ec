import { Field, ID, InputType } from 'type-graphql';
import { SafeInt } from '../../../common/scalars';

@InputType({ description: 'Lists a course on a platform at a price, or changes that price or availability.' })
export class OfferingSetInput {
  @Field(() => ID, { description: 'The APPROVED course.' })
  courseId: string;

  @Field(() => ID, {
    description: 'The selling platform: it must exist, and not be TERMINATED unless the offering is being withdrawn (`active: false`).',
  })
  partnerId: string;

  @Field(() => SafeInt, { description: 'The platform’s price in whole rupiah, 1 to 3,500,000.' })
  price: number;

  @Field({ nullable: true, description: 'Whether the platform sells it (default true).' })
  active?: boolean;
}
