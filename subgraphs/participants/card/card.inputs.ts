import { Field, ID, InputType } from 'type-graphql';
import { CardRevocationReason } from './card.entity';

@InputType({ description: 'The programme office revokes a card.' })
export class CardRevokeInput {
  @Field(() => ID, { description: 'Id of the card to revoke.' })
  cardId: string;

  @Field(() => CardRevocationReason, {
    description: 'Why. PURCHASE_DEADLINE is the automatic rule and cannot be given here.',
  })
  reason: CardRevocationReason;

  @Field({ description: 'The office’s explanation, 1 to 1000 characters; the participant reads it in the inbox notice.' })
  note: string;
}
