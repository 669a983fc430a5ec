import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Moves a platform to another lifecycle status.' })
export class PartnerTransitionInput {
  @Field(() => ID, { description: 'The platform to move.' })
  partnerId: string;

  @Field({ description: 'Why; recorded in the platform history.' })
  reason: string;
}
