import type { EntityManager } from '@mikro-orm/postgresql';
import type { EducationLevel } from '../../../common/education';
import { badInput, refuser, UserError } from '../../../common/errors';
import { toSafeInt } from '../../../common/scalars';
import { CardStatus } from '../card/card.entity';
import { json, NOW_MS, Refusal, type Row, SCHEMA, sql, toDate, transactional } from '../sql';
import { WalletHold, WalletHoldStatus } from './wallet.entity';
import { recordRecycledQuota } from '../cohort/recycling';

/**
 * Every money movement. Each operation is one transaction that first locks the wallet row, so all changes
 * to one wallet (and its holds) are serialised in the same lock order: wallet, then holds, then card.
 * The CHECK constraints on `wallet` are the last line of defence, not the only one.
 */
export interface HoldPayload {
  hold: WalletHold | null;
  userErrors: UserError[];
}

const refuse = refuser<HoldPayload>({ hold: null });

interface HoldRow {
  reference_id: string;
  wallet_id: string;
  participant_id: string;
  amount: string;
  status: WalletHoldStatus;
  expires_at: Date;
  /** Decided by the database clock, as everywhere else expiry is (expireWalletHolds, available balances). */
  expired: boolean;
}

const toHold = (row: HoldRow): WalletHold =>
  Object.assign(new WalletHold(), {
    referenceId: row.reference_id,
    participantId: row.participant_id,
    amount: toSafeInt(row.amount),
    status: row.status,
    expiresAt: toDate(row.expires_at),
  });

const HOLD_SELECT = `SELECT h.reference_id, h.wallet_id, c.participant_id, h.amount, h.status, h.expires_at, h.expires_at <= now() AS expired
  FROM ${SCHEMA}.wallet_hold h JOIN ${SCHEMA}.card c ON c.id = h.wallet_id`;

async function findHold(tx: EntityManager, referenceId: string): Promise<HoldRow | undefined> {
  const [row] = await sql<HoldRow>(tx, `${HOLD_SELECT} WHERE h.reference_id = ?`, [referenceId]);
  return row;
}

async function lockWallet(tx: EntityManager, walletId: string): Promise<void> {
  await sql(tx, `SELECT id FROM ${SCHEMA}.wallet WHERE id = ? FOR UPDATE`, [walletId]);
}

/** Turns the wallet's ACTIVE holds past their expiry into EXPIRED and stops counting them. Caller holds the wallet lock. */
export async function expireWalletHolds(tx: EntityManager, walletId: string): Promise<void> {
  await sql(
    tx,
    `WITH expired AS (
       UPDATE ${SCHEMA}.wallet_hold SET status = 'EXPIRED'
       WHERE wallet_id = ? AND status = 'ACTIVE' AND expires_at <= now() RETURNING amount)
     UPDATE ${SCHEMA}.wallet SET held = held - (SELECT coalesce(sum(amount), 0) FROM expired)
     WHERE id = ? AND EXISTS (SELECT 1 FROM expired)`,
    [walletId, walletId],
  );
}

export interface HoldPlaceInput {
  referenceId: string;
  cardNumber: string;
  amount: number;
  expiresAt: Date;
}

/** Longest a hold may reserve money before it must be captured or it expires. */
export const MAX_HOLD_MINUTES = 60;

/** Reserves `amount`; idempotent by referenceId. 50 concurrent holds on a balance covering 10 place exactly 10. */
export async function placeHold(em: EntityManager, input: HoldPlaceInput): Promise<HoldPayload> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw badInput('amount must be a positive number of rupiah', 'amount');
  if (!input.referenceId.trim()) throw badInput('referenceId is required', 'referenceId');
  if (Number.isNaN(input.expiresAt.getTime())) throw badInput('expiresAt is not a date', 'expiresAt');
  return transactional(em, async (tx) => {
    // The wallet lock first, found by card number (a card's wallet has the card's id).
    const [card] = await sql<{ id: string }>(
      tx,
      `SELECT w.id FROM ${SCHEMA}.wallet w JOIN ${SCHEMA}.card c ON c.id = w.id WHERE c.number = ? FOR UPDATE OF w`,
      [input.cardNumber],
    );
    if (!card) return refuse('UNKNOWN_CARD', 'No card has this number');
    // Under the lock, in one read: the card as it is now, a hold already under this referenceId, and whether
    // expired holds are still counted (only then is the sweep's update needed).
    const [fresh] = await sql<PlaceState>(
      tx,
      `SELECT c.status, c.purchase_deadline, c.first_purchase_at, c.participant_id, c.purchase_deadline <= now() AS past,
              ?::timestamptz > now() AND ?::timestamptz <= now() + interval '${MAX_HOLD_MINUTES} minutes' AS expiry_ok,
              h.reference_id, h.wallet_id, h.amount, h.status AS hold_status, h.expires_at, h.expires_at <= now() AS expired,
              EXISTS (SELECT 1 FROM ${SCHEMA}.wallet_hold x WHERE x.wallet_id = c.id AND x.status = 'ACTIVE' AND x.expires_at <= now()) AS stale_holds
       FROM ${SCHEMA}.card c LEFT JOIN ${SCHEMA}.wallet_hold h ON h.reference_id = ? WHERE c.id = ?`,
      [input.expiresAt, input.expiresAt, input.referenceId, card.id],
    );
    if (fresh.reference_id !== null) {
      const existing: HoldRow = { ...fresh, reference_id: fresh.reference_id, status: fresh.hold_status! };
      if (existing.wallet_id === card.id && toSafeInt(existing.amount) === input.amount) return { hold: toHold(existing), userErrors: [] };
      return refuse('HOLD_CONFLICT', 'This referenceId already holds a different card or amount');
    }
    // Checked only for a new hold (a replay returns the existing one), on the database clock like every expiry.
    if (!fresh.expiry_ok) throw badInput(`expiresAt must be in the future and at most ${MAX_HOLD_MINUTES} minutes ahead`, 'expiresAt');
    if (fresh.status !== CardStatus.ACTIVE) return refuse('NOT_ACTIVE', `The card is ${fresh.status}`);
    if (fresh.past && !fresh.first_purchase_at)
      return refuse('PURCHASE_DEADLINE_PASSED', 'The first course had to be bought before the purchase deadline');
    if (fresh.stale_holds) await expireWalletHolds(tx, card.id);
    // Reserve and record the hold in one statement; `reserved` without `inserted` is a concurrent twin.
    const [placed] = await sql<{ reserved: boolean; inserted: boolean }>(
      tx,
      `WITH reserved AS (UPDATE ${SCHEMA}.wallet SET held = held + ?::bigint WHERE id = ? AND balance - held >= ?::bigint RETURNING id),
       inserted AS (
         INSERT INTO ${SCHEMA}.wallet_hold (id, reference_id, wallet_id, amount, status, expires_at, created_at)
         SELECT gen_random_uuid(), ?, id, ?::bigint, 'ACTIVE', ?::timestamptz, ${NOW_MS} FROM reserved ON CONFLICT (reference_id) DO NOTHING RETURNING id)
       SELECT EXISTS (SELECT 1 FROM reserved) AS reserved, EXISTS (SELECT 1 FROM inserted) AS inserted`,
      [input.amount, card.id, input.amount, input.referenceId, input.amount, input.expiresAt],
    );
    if (!placed.reserved) return refuse('INSUFFICIENT_BALANCE', 'The available balance does not cover the amount');
    // Same referenceId placed concurrently on another card: undo the reservation.
    if (!placed.inserted) throw new Refusal(refuse('HOLD_CONFLICT', 'This referenceId already holds a different card or amount'));
    const hold = {
      ...fresh,
      reference_id: input.referenceId,
      wallet_id: card.id,
      amount: String(input.amount),
      expires_at: input.expiresAt,
    };
    return { hold: toHold({ ...hold, status: WalletHoldStatus.ACTIVE, expired: false }), userErrors: [] };
  });
}

/** placeHold's read under the wallet lock: the card, and the hold of the referenceId when there is one. */
type PlaceState = Omit<HoldRow, 'status' | 'reference_id'> & {
  reference_id: string | null;
  hold_status: WalletHoldStatus | null;
  status: CardStatus;
  purchase_deadline: Date;
  first_purchase_at: Date | null;
  past: boolean;
  expiry_ok: boolean;
  stale_holds: boolean;
};

/** Locks the hold's wallet and re-reads the hold under the lock; undefined when no such hold. */
async function lockedHold(tx: EntityManager, referenceId: string): Promise<HoldRow | undefined> {
  const first = await findHold(tx, referenceId);
  if (!first) return undefined;
  await lockWallet(tx, first.wallet_id);
  return findHold(tx, referenceId);
}

/** Debits an ACTIVE hold once; the card's first capture sets its first purchase time. */
export function captureHold(em: EntityManager, referenceId: string): Promise<HoldPayload> {
  return transactional(em, async (tx) => {
    const hold = await lockedHold(tx, referenceId);
    if (!hold) return refuse('HOLD_NOT_FOUND', 'No hold has this referenceId');
    if (hold.status === WalletHoldStatus.CAPTURED || hold.status === WalletHoldStatus.REFUNDED)
      return { hold: toHold(hold), userErrors: [] };
    if (hold.status !== WalletHoldStatus.ACTIVE) return refuse('HOLD_EXPIRED', `The hold is ${hold.status}`, { hold: toHold(hold) });
    if (hold.expired) {
      await expireWalletHolds(tx, hold.wallet_id);
      return refuse('HOLD_EXPIRED', 'The hold expired', { hold: toHold((await findHold(tx, referenceId))!) });
    }
    // The hold, its debit, the balance and the card's first purchase in one statement (one round trip).
    await sql(
      tx,
      `WITH captured AS (UPDATE ${SCHEMA}.wallet_hold SET status = 'CAPTURED' WHERE reference_id = ? RETURNING reference_id),
       debit AS (
         INSERT INTO ${SCHEMA}.ledger_entry (id, wallet_id, kind, amount, reference_id, created_at)
         SELECT gen_random_uuid(), ?, 'DEBIT_PURCHASE', ?::bigint, reference_id, ${NOW_MS} FROM captured),
       debited AS (UPDATE ${SCHEMA}.wallet SET balance = balance - ?::bigint, held = held - ?::bigint WHERE id = ? AND EXISTS (SELECT 1 FROM captured))
       UPDATE ${SCHEMA}.card SET first_purchase_at = coalesce(first_purchase_at, now()) WHERE id = ? AND EXISTS (SELECT 1 FROM captured)`,
      [referenceId, hold.wallet_id, -toSafeInt(hold.amount), hold.amount, hold.amount, hold.wallet_id, hold.wallet_id],
    );
    return { hold: toHold({ ...hold, status: WalletHoldStatus.CAPTURED }), userErrors: [] };
  });
}

/** Gives an ACTIVE hold back; releasing a released or expired hold again changes nothing. */
export function releaseHold(em: EntityManager, referenceId: string): Promise<HoldPayload> {
  return transactional(em, async (tx) => {
    const hold = await lockedHold(tx, referenceId);
    if (!hold) return refuse('HOLD_NOT_FOUND', 'No hold has this referenceId');
    if (hold.status === WalletHoldStatus.CAPTURED || hold.status === WalletHoldStatus.REFUNDED)
      return refuse('HOLD_CAPTURED', 'The hold was already captured', { hold: toHold(hold) });
    if (hold.status !== WalletHoldStatus.ACTIVE) return { hold: toHold(hold), userErrors: [] };
    await sql(tx, `UPDATE ${SCHEMA}.wallet_hold SET status = 'RELEASED' WHERE reference_id = ?`, [referenceId]);
    await sql(tx, `UPDATE ${SCHEMA}.wallet SET held = held - ? WHERE id = ?`, [hold.amount, hold.wallet_id]);
    return { hold: toHold((await findHold(tx, referenceId))!), userErrors: [] };
  });
}

/** Credits a CAPTURED hold's amount back exactly once (and forfeits it at once when the card was revoked meanwhile). */
export function refundHold(em: EntityManager, referenceId: string): Promise<HoldPayload> {
  return transactional(em, async (tx) => {
    const hold = await lockedHold(tx, referenceId);
    if (!hold) return refuse('HOLD_NOT_FOUND', 'No hold has this referenceId');
    if (hold.status === WalletHoldStatus.REFUNDED) return { hold: toHold(hold), userErrors: [] };
    if (hold.status !== WalletHoldStatus.CAPTURED)
      return refuse('NOT_CAPTURED', `The hold is ${hold.status}, not CAPTURED`, { hold: toHold(hold) });
    await sql(tx, `UPDATE ${SCHEMA}.wallet_hold SET status = 'REFUNDED' WHERE reference_id = ?`, [referenceId]);
    await sql(
      tx,
      `INSERT INTO ${SCHEMA}.ledger_entry (id, wallet_id, kind, amount, reference_id, created_at) VALUES (gen_random_uuid(), ?, 'CREDIT_REFUND', ?, ?, ${NOW_MS})`,
      [hold.wallet_id, toSafeInt(hold.amount), referenceId],
    );
    // A revoked card keeps no balance: the refund is recorded and goes back to the state at once, under the same reference.
    const [forfeited] = await sql(
      tx,
      `INSERT INTO ${SCHEMA}.ledger_entry (id, wallet_id, kind, amount, reference_id, created_at)
       SELECT gen_random_uuid(), c.id, 'DEBIT_REVOCATION', ?, ?, ${NOW_MS} FROM ${SCHEMA}.card c WHERE c.id = ? AND c.status = 'REVOKED' RETURNING id`,
      [-toSafeInt(hold.amount), referenceId, hold.wallet_id],
    );
    if (!forfeited) await sql(tx, `UPDATE ${SCHEMA}.wallet SET balance = balance + ? WHERE id = ?`, [hold.amount, hold.wallet_id]);
    return { hold: toHold((await findHold(tx, referenceId))!), userErrors: [] };
  });
}

export interface CardState {
  participantId: string;
  cardNumber: string;
  status: CardStatus;
  purchaseDeadline: Date;
  /** Decided on the database clock, like every deadline and expiry (placeHold refuses on the same clock). */
  deadlinePassed: boolean;
  firstPurchaseAt: Date | null;
  balance: number;
  availableBalance: number;
  /** Full years today (courses check their age requirements with it; it learns no birth date). */
  ageYears: number;
  /** Highest education declared, for courses' minimum education; null when not declared. */
  educationLevel: EducationLevel | null;
}

/**
 * What holds reserve now on wallet alias `w`: ACTIVE and not yet expired, on the database clock. The one
 * definition that balances, checkout checks, revocation and statistics share (expired holds are swept lazily).
 */
export const heldNowSql = (w: string) =>
  `(SELECT coalesce(sum(h.amount), 0) FROM ${SCHEMA}.wallet_hold h WHERE h.wallet_id = ${w}.id AND h.status = 'ACTIVE' AND h.expires_at > now())`;

/** A card with its balances; available excludes ACTIVE holds that have not expired yet. */
export async function cardState(em: EntityManager, cardNumber: string): Promise<CardState | null> {
  const [row] = await sql<Row>(
    em,
    `SELECT c.participant_id, c.number, c.status, c.purchase_deadline, c.purchase_deadline <= now() AS deadline_passed, c.first_purchase_at, w.balance,
            w.balance - ${heldNowSql('w')} AS available,
            date_part('year', age(current_date, p.birth_date))::int AS age_years, p.education_level
     FROM ${SCHEMA}.card c JOIN ${SCHEMA}.wallet w ON w.id = c.id JOIN ${SCHEMA}.participant p ON p.id = c.participant_id WHERE c.number = ?`,
    [cardNumber],
  );
  if (!row) return null;
  return {
    participantId: row.participant_id,
    cardNumber: row.number,
    status: row.status,
    purchaseDeadline: toDate(row.purchase_deadline),
    deadlinePassed: row.deadline_passed,
    firstPurchaseAt: toDate(row.first_purchase_at),
    balance: toSafeInt(row.balance),
    availableBalance: toSafeInt(row.available),
    ageYears: Number(row.age_years),
    educationLevel: row.education_level ?? null,
  };
}

/**
 * Periodic sweep: expires every ACTIVE hold past its expiry, one wallet per short transaction (same lock order
 * as requests). An aborted `signal` (shutdown) stops it between wallets.
 */
export async function sweepExpiredHolds(em: EntityManager, signal?: AbortSignal, batch = 500): Promise<number> {
  const wallets = await sql<{ wallet_id: string }>(
    em,
    `SELECT DISTINCT wallet_id FROM ${SCHEMA}.wallet_hold WHERE status = 'ACTIVE' AND expires_at <= now() LIMIT ?`,
    [batch],
  );
  let done = 0;
  for (const { wallet_id } of wallets) {
    if (signal?.aborted) break;
    done++;
    await em.transactional(async (tx) => {
      await lockWallet(tx as EntityManager, wallet_id);
      await expireWalletHolds(tx as EntityManager, wallet_id);
    });
  }
  return done;
}

/**
 * Revokes ACTIVE cards past their purchase deadline with no captured purchase and no purchase in flight
 * (an ACTIVE, unexpired hold): their holds expire and the remaining balance goes back through a
 * DEBIT_REVOCATION entry. Set-based, in batches; an aborted `signal` (shutdown) stops it between batches.
 */
export async function revokeLapsedCards(em: EntityManager, signal?: AbortSignal, batch = 500): Promise<number> {
  let total = 0;
  while (!signal?.aborted) {
    const revoked = await em.transactional(async (txm) => {
      const tx = txm as EntityManager;
      const rows = await sql<{ id: string }>(
        tx,
        `SELECT w.id FROM ${SCHEMA}.wallet w JOIN ${SCHEMA}.card c ON c.id = w.id
         WHERE c.status = 'ACTIVE' AND c.purchase_deadline <= now() AND c.first_purchase_at IS NULL
           -- A purchase started before the deadline may still complete (its OTP is pending); the next run revokes if it does not.
           AND ${heldNowSql('w')} = 0
         ORDER BY w.id LIMIT ? FOR UPDATE OF w, c SKIP LOCKED`,
        [batch],
      );
      if (!rows.length) return 0;
      const ids = json(rows.map((r) => r.id));
      const inIds = `(SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb))`;
      await sql(tx, `UPDATE ${SCHEMA}.wallet_hold SET status = 'EXPIRED' WHERE status = 'ACTIVE' AND wallet_id IN ${inIds}`, [ids]);
      await recordRecycledQuota(tx, ids);
      await sql(
        tx,
        `INSERT INTO ${SCHEMA}.ledger_entry (id, wallet_id, kind, amount, reference_id, created_at)
         SELECT gen_random_uuid(), id, 'DEBIT_REVOCATION', -balance, id::text, ${NOW_MS} FROM ${SCHEMA}.wallet WHERE balance > 0 AND id IN ${inIds}`,
        [ids],
      );
      await sql(tx, `UPDATE ${SCHEMA}.wallet SET balance = 0, held = 0 WHERE id IN ${inIds}`, [ids]);
      await sql(
        tx,
        `UPDATE ${SCHEMA}.card SET status = 'REVOKED', revoked_at = now(), revocation_reason = 'PURCHASE_DEADLINE' WHERE id IN ${inIds}`,
        [ids],
      );
      return rows.length;
    });
    total += revoked;
    if (revoked < batch) break;
  }
  return total;
}
