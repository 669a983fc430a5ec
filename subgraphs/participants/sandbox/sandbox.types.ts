import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Money } from '../../../common/scalars';

@ObjectType({ description: 'A test card for a platform’s sandbox: works only with that platform’s SANDBOX credentials.' })
export class SandboxCardView {
  @Field(() => ID, { description: 'Opaque id of the test card.' })
  id: string;

  @Field({ description: 'The 16-digit test card number (begins with 0000, which no real Kartu Prakerja does).' })
  number: string;

  @Field(() => ID, { description: 'The platform whose sandbox it belongs to.' })
  partnerId: string;

  @Field(() => Money, { description: 'Its simulated balance now.' })
  balance: Money;

  @Field({ description: 'The OTP every purchase with this card gets: the last six digits of its number (no person holds a test card).' })
  otp: string;

  @Field({ description: 'When it was issued.' })
  createdAt: Date;
}

@InputType({ description: 'A test card to issue to a sandbox platform.' })
export class SandboxCardIssueInput {
  @Field(() => ID, { description: 'The platform (its own id, for its staff).' })
  partnerId: string;

  @Field(() => Int, { nullable: true, description: 'Simulated balance in rupiah, 0 to 3,500,000; the programme’s 3,500,000 by default.' })
  balance?: number | null;
}
