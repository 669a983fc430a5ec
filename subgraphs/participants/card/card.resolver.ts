import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ParticipantsContext } from '../context';
import { Cohort } from '../cohort/cohort.entity';
import { maskDigits } from '../nik/nik';
import { Card } from './card.entity';

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

  @FieldResolver(() => String, { description: 'Card number with its middle eight digits hidden.' })
  numberMasked(@Root() card: Card) {
    return maskDigits(card.number);
  }

  @FieldResolver(() => Cohort, { description: 'The cohort whose selection issued the card.' })
  cohort(@Root() card: Card, @Ctx() { loaders }: ParticipantsContext) {
    return loaders.cohort.load(card.cohort.id);
  }
}
