import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Moves a platform to another lifecycle status.' })
export class PartnerTransitionInput {
  @Field(() => ID, { description: 'The platform to move.' })
  partnerId: string;

  @Field({ description: 'Why; recorded in the platform history.' })
  reason: string;
}

@InputType({ description: "A platform's application, as recorded by the programme office." })
export class PartnerApplyInput {
  @Field({ description: 'Short stable name (lowercase letters, digits, dashes), for example `tokopedia`.' })
  slug: string;

  @Field({ description: 'Public name of the platform.' })
  name: string;

  @Field({ description: "The platform's own portal (http or https URL)." })
  website: string;

  @Field(() => String, {
    nullable: true,
    description: 'Note recorded as the reason of the first history entry (letter reference, contact).',
  })
  note?: string | null;
}

@InputType({ description: 'The MoU a platform signs after passing its evaluation.' })
export class PartnerMouSignInput {
  @Field(() => ID, { description: 'The platform (UNDER_EVALUATION, with a passing latest evaluation).' })
  partnerId: string;

  @Field({ description: 'MoU number, for example `MOU-PMO-001/2020`; unique.' })
  number: string;

  @Field({ description: 'When the MoU was signed.' })
  signedAt: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'First periodic review; the configured interval (12 months by default) after signing when omitted.',
  })
  nextReviewAt?: Date | null;

  @Field({ description: 'Why; recorded in the platform history.' })
  reason: string;
}
