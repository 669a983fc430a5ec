import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../../common/pagination';
import { PayoutAccountKind, PayoutProvider, PayoutStatus } from './payout.enums';

@InputType({ description: 'The e-wallet or bank account to receive incentives.' })
export class PayoutAccountRegisterInput {
  @Field(() => PayoutAccountKind, { description: 'E-wallet or bank.' })
  kind: PayoutAccountKind;

  @Field(() => PayoutProvider, { description: 'Which e-wallet or bank.' })
  provider: PayoutProvider;

  @Field({ description: 'The account number (an e-wallet: the phone number it is registered to), 8 to 20 digits.' })
  accountNumber: string;
}

@InputType({ description: 'A FAILED payout to send again.' })
export class PayoutRetryInput {
  @Field(() => ID, { description: 'The payout.' })
  id: string;
}

@ArgsType()
export class PayoutsArgs extends PageArgs {
  @Field(() => PayoutStatus, { nullable: true, description: 'Only payouts in this status (for example FAILED).' })
  status?: PayoutStatus | null;
}
