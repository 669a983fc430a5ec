import { randomInt } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, UserError } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { isTestCardNumber, luhnCheckDigit, TEST_CARD_PREFIX } from '../../../common/luhn';
import { Money } from '../../../common/scalars';
import { SandboxCard } from './sandbox.entity';
import { SandboxCardView } from './sandbox.types';

/** The programme's training balance: what a test card holds unless asked otherwise. */
const DEFAULT_BALANCE = 3_500_000;

/** What sandboxCardIssue can refuse with. */
export const SANDBOX_CARD_ISSUE_ERRORS = {
  INVALID_BALANCE: 'The balance must be a whole number of rupiah from 0 to 3,500,000.',
} as const;

export { isTestCardNumber };

/** A fresh test card number: the prefix, 11 random digits and a Luhn check digit (so it passes the same format check). */
export function newTestCardNumber(): string {
  const payload = TEST_CARD_PREFIX + Array.from({ length: 15 - TEST_CARD_PREFIX.length }, () => randomInt(0, 10)).join('');
  return payload + luhnCheckDigit(payload);
}

/** The OTP of every purchase with a test card: its last six digits, known to the platform's automated tests. */
export const testCardOtp = (number: string) => number.slice(-6);

export const toView = (card: SandboxCard): SandboxCardView =>
  Object.assign(new SandboxCardView(), {
    id: card.id,
    number: card.number,
    partnerId: card.partnerId,
    balance: Money.idr(card.balance),
    otp: testCardOtp(card.number),
    createdAt: card.createdAt,
  });

export async function issueTestCard(em: EntityManager, partnerId: string, balance = DEFAULT_BALANCE) {
  if (!isUuid(partnerId)) throw badInput('`partnerId` is not a valid id', 'partnerId');
  if (!Number.isSafeInteger(balance) || balance < 0 || balance > DEFAULT_BALANCE)
    return { card: null, userErrors: [UserError.of('INVALID_BALANCE', SANDBOX_CARD_ISSUE_ERRORS.INVALID_BALANCE, ['input', 'balance'])] };
  const card = em.create(SandboxCard, { partnerId, number: newTestCardNumber(), balance });
  await em.flush();
  return { card: toView(card), userErrors: [] };
}

/** The caller's own test card with this number; another platform's answers like an unknown one (null). */
export const ownTestCard = (em: EntityManager, number: string, partnerId: string) => em.findOne(SandboxCard, { number, partnerId });

/** A test card's balance for a purchase check: null unless it is this platform's test card. */
export async function testCardBalance(em: EntityManager, number: string, partnerId: string): Promise<number | null> {
  if (!isTestCardNumber(number) || !isUuid(partnerId)) return null;
  return (await ownTestCard(em, number, partnerId))?.balance ?? null;
}

export type TestCardDebitOutcome = 'DEBITED' | 'INSUFFICIENT_BALANCE' | 'UNKNOWN_CARD';

/**
 * Debits a sandbox purchase from its test card once, keyed by the purchase id: the debit row's primary key makes a
 * concurrent or repeated call fail as a whole (its balance update undone) and answer DEBITED, so a retry never
 * debits twice. A production wallet or ledger is never touched.
 */
export async function debitTestCard(
  em: EntityManager,
  input: { referenceId: string; cardNumber: string; partnerId: string; amount: number },
): Promise<TestCardDebitOutcome> {
  if (!isUuid(input.referenceId) || !isUuid(input.partnerId) || !isTestCardNumber(input.cardNumber)) return 'UNKNOWN_CARD';
  const done = await em.execute<Array<{ reference_id: string }>>(
    `SELECT reference_id FROM participants.sandbox_debit WHERE reference_id = ?`,
    [input.referenceId],
  );
  if (done.length) return 'DEBITED';
  try {
    const rows = await em.execute<Array<{ reference_id: string }>>(
      `WITH card AS (UPDATE participants.sandbox_card SET balance = balance - ? WHERE number = ? AND partner_id = ? AND balance >= ? RETURNING id)
       INSERT INTO participants.sandbox_debit (reference_id, card_id, amount, created_at) SELECT ?, id, ?, now() FROM card RETURNING reference_id`,
      [input.amount, input.cardNumber, input.partnerId, input.amount, input.referenceId, input.amount],
    );
    if (rows.length) return 'DEBITED';
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return 'DEBITED'; // a concurrent twin debited it
    throw error;
  }
  return (await ownTestCard(em, input.cardNumber, input.partnerId)) ? 'INSUFFICIENT_BALANCE' : 'UNKNOWN_CARD';
}

/** Credits a sandbox purchase's debit back once (a void): true when it is (or already was) refunded, false when never debited. */
export async function refundTestCard(em: EntityManager, referenceId: string): Promise<boolean> {
  if (!isUuid(referenceId)) return false;
  // One statement: the debit is marked and the card credited together, or neither (a second call finds it marked).
  await em.execute(
    `WITH refund AS (UPDATE participants.sandbox_debit SET refunded_at = now() WHERE reference_id = ? AND refunded_at IS NULL RETURNING card_id, amount)
     UPDATE participants.sandbox_card c SET balance = c.balance + r.amount FROM refund r WHERE c.id = r.card_id`,
    [referenceId],
  );
  const [row] = await em.execute<Array<{ refunded: boolean }>>(
    `SELECT refunded_at IS NOT NULL AS refunded FROM participants.sandbox_debit WHERE reference_id = ?`,
    [referenceId],
  );
  return row?.refunded ?? false;
}
