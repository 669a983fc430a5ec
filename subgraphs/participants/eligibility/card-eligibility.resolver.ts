import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { requireRole } from '../../../common/auth';
import { isValidCardNumber } from '../../../common/luhn';
import { Money } from '../../../common/scalars';
import { CardStatus } from '../card/card.entity';
import type { ParticipantsContext } from '../context';
import { isTestCardNumber, ownTestCard } from '../sandbox/sandbox.service';
import { cardState } from '../wallet/wallet.service';
import { CardEligibility, EligibilityReason } from './eligibility.types';

const result = (reasons: EligibilityReason[], available: number | null = null, deadline: Date | null = null) =>
  Object.assign(new CardEligibility(), {
    eligible: reasons.length === 0,
    reasons,
    availableBalance: available === null ? null : Money.idr(available),
    purchaseDeadline: deadline,
  });

@Resolver()
export class CardEligibilityResolver {
  @Query(() => CardEligibility, {
    nullable: true,
    description:
      "Whether a Kartu Prakerja can buy a course now, with its available balance and deadline. Partners and the programme office; no personal data. Each check of a known card is recorded in its holder's personal-data access history.",
  })
  async eligibility(
    @Arg('cardNumber', { description: 'The 16-digit Kartu Prakerja number.' }) cardNumber: string,
    @Ctx() { identity, em, personalData }: ParticipantsContext,
  ): Promise<CardEligibility> {
    requireRole(identity, 'partner', 'admin');
    if (!isValidCardNumber(cardNumber))
      return result([EligibilityReason.of('INVALID_CARD_NUMBER', 'A card number is 16 digits with a valid check digit')]);
    // The sandbox and production never see each other's cards: each answers the other's as unknown, saying why.
    if (identity.sandbox) {
      const testCard = isTestCardNumber(cardNumber) ? await ownTestCard(em, cardNumber, identity.partnerId!) : null;
      if (!testCard) return result([EligibilityReason.of('UNKNOWN_CARD', 'Sandbox credentials accept only your own test cards (0000…)')]);
      const reasons = testCard.balance <= 0 ? [EligibilityReason.of('NO_BALANCE', 'No balance left to spend')] : [];
      return result(reasons, testCard.balance, null);
    }
    if (isTestCardNumber(cardNumber))
      return result([EligibilityReason.of('UNKNOWN_CARD', 'A test card (0000…) works only with sandbox credentials')]);
    const card = await cardState(em, cardNumber);
    if (!card) return result([EligibilityReason.of('UNKNOWN_CARD', 'No card has this number')]);
    personalData.recordCardLookup(card.participantId, ['availableBalance', 'cardStatus', 'purchaseDeadline']);
    const reasons: EligibilityReason[] = [];
    if (card.status !== CardStatus.ACTIVE) reasons.push(EligibilityReason.of('NOT_ACTIVE', `The card is ${card.status}`));
    else if (!card.firstPurchaseAt && card.deadlinePassed) {
      reasons.push(EligibilityReason.of('PURCHASE_DEADLINE_PASSED', 'The first course had to be bought before the purchase deadline'));
    }
    if (card.availableBalance <= 0) reasons.push(EligibilityReason.of('NO_BALANCE', 'No balance left to spend'));
    return result(reasons, card.availableBalance, card.purchaseDeadline);
  }
}
