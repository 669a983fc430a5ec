import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { requireRole } from '../../../common/auth';
import { payloadUserError, UserError } from '../../../common/errors';
import type { ParticipantsContext } from '../context';
import { Cohort } from '../cohort/cohort.entity';
import { maskDigits } from '../nik/nik';
import { Card } from './card.entity';
import { CardRevokeInput } from './card.inputs';
import { CARD_REVOKE_ERRORS, revokeCard } from './card.service';

const CardRevokeUserError = payloadUserError('CardRevoke', CARD_REVOKE_ERRORS);

@ObjectType({ description: 'Result of revoking a card.' })
class CardRevokePayload {
  @Field(() => Card, { nullable: true, description: 'The card, REVOKED (as it is, with NOT_ACTIVE); null with NOT_FOUND.' })
  card: Card | null;

  @Field(() => [CardRevokeUserError], { description: 'Why it was refused; empty on success.' })
  userErrors: UserError[];
}

@Resolver(() => Card)
export class CardResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'The 16-digit card number (Luhn check digit last). Self and programme office only (each office read is recorded).',
  })
  number(@Root() card: Card, @Ctx() { personalData }: ParticipantsContext) {
    personalData.allow(card.participant.id, 'card.number');
    return card.number;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The programme office’s note on a revocation; null otherwise. Self and programme office only (each office read is recorded).',
  })
  revocationNote(@Root() card: Card, @Ctx() { personalData }: ParticipantsContext) {
    if (card.revocationNote === null) return null;
    personalData.allow(card.participant.id, 'card.revocationNote');
    return card.revocationNote;
  }

  @Mutation(() => CardRevokePayload, {
    description:
      'Revokes an ACTIVE card (the holder was found ineligible, or their data false): holds in flight are released, the balance goes back to the state, the participant is told why, and the platforms of purchases awaiting an OTP receive `purchase.expired` with reason CARD_REVOKED. Courses already bought stay; a later refund of one is forfeited. Programme office only.',
  })
  cardRevoke(
    @Arg('input', () => CardRevokeInput, { description: 'The card, the reason and the note.' }) input: CardRevokeInput,
    @Ctx() { em, identity }: ParticipantsContext,
  ) {
    requireRole(identity, 'admin');
    return revokeCard(em, input);
  }

  @FieldResolver(() => String, { description: 'Card number with its middle eight digits hidden.' })
  numberMasked(@Root() card: Card) {
    return maskDigits(card.number);
  }

  @FieldResolver(() => Cohort, { description: 'The cohort whose selection issued the card.' })
  cohort(@Root() card: Card, @Ctx() { loaders }: ParticipantsContext) {
    return loaders.cohort.load(card.cohort.id);
  }
}
