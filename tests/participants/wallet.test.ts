import { randomUUID } from 'node:crypto';
import { db, subgraphQuery } from '../support/client';
import { ADMIN, asParticipant, personWithCard, SERVICE, walletState } from './fixtures';

const HOLD = `mutation Hold($input: WalletHoldPlaceInput!) { walletHoldPlace(input: $input) { hold { referenceId participantId amount status } userErrors { code } } }`;
const CAPTURE = `mutation Capture($id: ID!) { walletHoldCapture(referenceId: $id) { hold { status amount } userErrors { code } } }`;
const RELEASE = `mutation Release($id: ID!) { walletHoldRelease(referenceId: $id) { hold { status } userErrors { code } } }`;
const REFUND = `mutation Refund($id: ID!) { walletRefund(referenceId: $id) { hold { status } userErrors { code } } }`;
const CARD = `query Card($n: String!) { walletCard(cardNumber: $n) { participantId status balance availableBalance purchaseDeadline } }`;
const CHECK = `query CheckEligibility($cardNumber: String!) { eligibility(cardNumber: $cardNumber) { eligible reasons { code message } availableBalance { amount currency } purchaseDeadline } }`;

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const hold = (cardNumber: string, amount: number, referenceId = randomUUID(), expiresAt = inAnHour()) =>
  subgraphQuery('participants', HOLD, { input: { referenceId, cardNumber, amount, expiresAt } }, SERVICE);

describe('wallet internal API', () => {
  it('places exactly as many of 50 concurrent holds as the balance covers', async () => {
    const { cardNumber } = await personWithCard({ balance: 1_000_000 });
    const results = await Promise.all(Array.from({ length: 50 }, () => hold(cardNumber, 100_000)));
    const placed = results.filter((r) => r.data?.walletHoldPlace.hold?.status === 'ACTIVE');
    const refused = results.filter((r) => r.data?.walletHoldPlace.userErrors[0]?.code === 'INSUFFICIENT_BALANCE');
    expect(placed).toHaveLength(10);
    expect(refused).toHaveLength(40);
    expect(await walletState(cardNumber)).toEqual({ balance: 1_000_000, held: 1_000_000, ledger: 1_000_000 });
    const card = await subgraphQuery('participants', CARD, { n: cardNumber }, SERVICE);
    expect(card.data?.walletCard).toMatchObject({ status: 'ACTIVE', balance: 1_000_000, availableBalance: 0 });
  });

  it('is idempotent by referenceId and refuses a conflicting reuse', async () => {
    const { cardNumber, participantId } = await personWithCard();
    const ref = randomUUID();
    const first = await hold(cardNumber, 250_000, ref);
    const again = await hold(cardNumber, 250_000, ref);
    expect(first.data?.walletHoldPlace.hold).toMatchObject({ referenceId: ref, participantId, amount: 250_000, status: 'ACTIVE' });
    expect(again.data?.walletHoldPlace.hold).toEqual(first.data?.walletHoldPlace.hold);
    expect((await hold(cardNumber, 300_000, ref)).data?.walletHoldPlace.userErrors[0].code).toBe('HOLD_CONFLICT');
    expect((await walletState(cardNumber)).held).toBe(250_000);
  });

  it('debits once for 20 concurrent captures, refunds once, and the ledger always sums to the balance', async () => {
    const { cardNumber, participantId } = await personWithCard();
    const ref = randomUUID();
    await hold(cardNumber, 700_000, ref);
    const captures = await Promise.all(Array.from({ length: 20 }, () => subgraphQuery('participants', CAPTURE, { id: ref }, SERVICE)));
    for (const c of captures) expect(c.data?.walletHoldCapture).toEqual({ hold: { status: 'CAPTURED', amount: 700_000 }, userErrors: [] });
    const debits = await db().query(
      `SELECT count(*)::int AS n FROM participants.ledger_entry WHERE kind = 'DEBIT_PURCHASE' AND reference_id = $1`,
      [ref],
    );
    expect(debits.rows[0].n).toBe(1);
    expect(await walletState(cardNumber)).toEqual({ balance: 2_800_000, held: 0, ledger: 2_800_000 });
    const first = await db().query(`SELECT first_purchase_at FROM participants.card WHERE participant_id = $1`, [participantId]);
    expect(first.rows[0].first_purchase_at).toBeInstanceOf(Date);

    expect((await subgraphQuery('participants', RELEASE, { id: ref }, SERVICE)).data?.walletHoldRelease.userErrors[0].code).toBe(
      'HOLD_CAPTURED',
    );
    const refunds = await Promise.all(Array.from({ length: 10 }, () => subgraphQuery('participants', REFUND, { id: ref }, SERVICE)));
    for (const r of refunds) expect(r.data?.walletRefund).toEqual({ hold: { status: 'REFUNDED' }, userErrors: [] });
    expect(await walletState(cardNumber)).toEqual({ balance: 3_500_000, held: 0, ledger: 3_500_000 });
  });

  it('answers the documented codes for unknown, released, uncaptured and expired holds', async () => {
    const { cardNumber } = await personWithCard();
    expect((await hold('4111111111111111', 1000)).data?.walletHoldPlace.userErrors[0].code).toBe('UNKNOWN_CARD');
    expect((await subgraphQuery('participants', CAPTURE, { id: randomUUID() }, SERVICE)).data?.walletHoldCapture.userErrors[0].code).toBe(
      'HOLD_NOT_FOUND',
    );
    const ref = randomUUID();
    await hold(cardNumber, 1000, ref);
    expect((await subgraphQuery('participants', REFUND, { id: ref }, SERVICE)).data?.walletRefund.userErrors[0].code).toBe('NOT_CAPTURED');
    expect((await subgraphQuery('participants', RELEASE, { id: ref }, SERVICE)).data?.walletHoldRelease.hold.status).toBe('RELEASED');
    expect((await subgraphQuery('participants', RELEASE, { id: ref }, SERVICE)).data?.walletHoldRelease).toEqual({
      hold: { status: 'RELEASED' },
      userErrors: [],
    });
    expect((await subgraphQuery('participants', CAPTURE, { id: ref }, SERVICE)).data?.walletHoldCapture.userErrors[0].code).toBe(
      'HOLD_EXPIRED',
    );
    expect((await walletState(cardNumber)).held).toBe(0);

    // An ACTIVE hold past its expiry stops counting: capture refuses it and the next placement may use the money.
    const expiring = randomUUID();
    await hold(cardNumber, 3_500_000, expiring);
    await db().query(`UPDATE participants.wallet_hold SET expires_at = now() - interval '1 second' WHERE reference_id = $1`, [expiring]);
    expect((await subgraphQuery('participants', CAPTURE, { id: expiring }, SERVICE)).data?.walletHoldCapture.userErrors[0].code).toBe(
      'HOLD_EXPIRED',
    );
    expect((await hold(cardNumber, 3_500_000)).data?.walletHoldPlace.hold.status).toBe('ACTIVE');
  });

  it('refuses a new hold expiring in the past or more than an hour ahead, but replays an existing hold', async () => {
    const { cardNumber } = await personWithCard();
    const past = await hold(cardNumber, 1000, randomUUID(), new Date(Date.now() - 1000).toISOString());
    expect(past.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const tooFar = await hold(cardNumber, 1000, randomUUID(), new Date(Date.now() + 2 * 3_600_000).toISOString());
    expect(tooFar.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await walletState(cardNumber)).toEqual({ balance: 3_500_000, held: 0, ledger: 3_500_000 });
    const ref = randomUUID();
    const expiresAt = new Date(Date.now() + 50 * 60_000).toISOString();
    expect((await hold(cardNumber, 1000, ref, expiresAt)).data?.walletHoldPlace.hold.status).toBe('ACTIVE');
    expect((await hold(cardNumber, 1000, ref, expiresAt)).data?.walletHoldPlace.userErrors).toEqual([]);
  });

  it('refuses holds on revoked cards and past the purchase deadline', async () => {
    const { cardNumber } = await personWithCard();
    await db().query(`UPDATE participants.card SET purchase_deadline = now() - interval '1 second' WHERE number = $1`, [cardNumber]);
    expect((await hold(cardNumber, 1000)).data?.walletHoldPlace.userErrors[0].code).toBe('PURCHASE_DEADLINE_PASSED');
    await db().query(`UPDATE participants.card SET status = 'REVOKED', revocation_reason = 'INELIGIBLE' WHERE number = $1`, [cardNumber]);
    expect((await hold(cardNumber, 1000)).data?.walletHoldPlace.userErrors[0].code).toBe('NOT_ACTIVE');
  });

  it('keeps the balance non-negative and the ledger append-only in the database itself', async () => {
    const { cardNumber } = await personWithCard();
    await expect(
      db().query(`UPDATE participants.wallet w SET balance = -1 FROM participants.card c WHERE c.id = w.id AND c.number = $1`, [
        cardNumber,
      ]),
    ).rejects.toThrow(/wallet_balance_nonnegative|wallet_held_within_balance/);
    await expect(
      db().query(`UPDATE participants.wallet w SET held = balance + 1 FROM participants.card c WHERE c.id = w.id AND c.number = $1`, [
        cardNumber,
      ]),
    ).rejects.toThrow(/wallet_held_within_balance/);
    await expect(db().query(`UPDATE participants.ledger_entry SET amount = 1`)).rejects.toThrow(/append-only/);
    await expect(db().query(`DELETE FROM participants.ledger_entry`)).rejects.toThrow(/append-only/);
    expect(await walletState(cardNumber)).toEqual({ balance: 3_500_000, held: 0, ledger: 3_500_000 });
  });

  it('refuses the internal API to every role but service', async () => {
    const { cardNumber, participantId } = await personWithCard();
    for (const identity of [
      ADMIN,
      asParticipant(participantId),
      { role: 'partner' as const, partnerId: 'p', subject: 'c' },
      { role: 'anonymous' as const },
    ]) {
      const res = await hold(cardNumber, 1000);
      expect(res.errors).toBeUndefined();
      const refused = await subgraphQuery(
        'participants',
        HOLD,
        { input: { referenceId: randomUUID(), cardNumber, amount: 1000, expiresAt: inAnHour() } },
        identity,
      );
      expect(refused.errors?.[0].extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
      const inbox = await subgraphQuery(
        'participants',
        `mutation { inboxMessageDeliver(input: { participantId: "${participantId}", referenceId: "x", subject: "s", body: "b" }) }`,
        {},
        identity,
      );
      expect(inbox.errors?.[0].extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
      const card = await subgraphQuery('participants', CARD, { n: cardNumber }, identity);
      expect(card.errors?.[0].extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    }
  });
});

describe('CheckEligibility (partner contract)', () => {
  const partner = { role: 'partner' as const, partnerId: randomUUID(), subject: 'client' }; // partner ids are uuids (the gateway signs the real one)
  const check = (cardNumber: string, identity = partner) => subgraphQuery('participants', CHECK, { cardNumber }, identity);

  it('answers eligible with the available balance and deadline for an active card', async () => {
    const { cardNumber } = await personWithCard();
    await hold(cardNumber, 500_000);
    const res = await check(cardNumber);
    expect(res.data?.eligibility).toMatchObject({ eligible: true, reasons: [], availableBalance: { amount: 3_000_000, currency: 'IDR' } });
    expect(new Date(res.data?.eligibility.purchaseDeadline).getTime()).toBeGreaterThan(Date.now());
  });

  it('answers INVALID_CARD_NUMBER, UNKNOWN_CARD, NOT_ACTIVE, PURCHASE_DEADLINE_PASSED and NO_BALANCE', async () => {
    const codes = async (n: string) => (await check(n)).data?.eligibility.reasons.map((r: { code: string }) => r.code);
    expect(await codes('1234')).toEqual(['INVALID_CARD_NUMBER']);
    expect(await codes('4111111111111112')).toEqual(['INVALID_CARD_NUMBER']);
    expect(await codes('4111111111111111')).toEqual(['UNKNOWN_CARD']);
    const a = await personWithCard();
    await db().query(`UPDATE participants.card SET purchase_deadline = now() - interval '1 second' WHERE number = $1`, [a.cardNumber]);
    expect(await codes(a.cardNumber)).toEqual(['PURCHASE_DEADLINE_PASSED']);
    const b = await personWithCard();
    await hold(b.cardNumber, 3_500_000);
    expect(await codes(b.cardNumber)).toEqual(['NO_BALANCE']);
    await db().query(`UPDATE participants.card SET status = 'REVOKED', revocation_reason = 'INELIGIBLE' WHERE number = $1`, [b.cardNumber]);
    expect(await codes(b.cardNumber)).toContain('NOT_ACTIVE');
  });

  it('is for partners and the programme office only', async () => {
    const { cardNumber, participantId } = await personWithCard();
    expect((await check(cardNumber, ADMIN as never)).data?.eligibility.eligible).toBe(true);
    expect((await check(cardNumber, asParticipant(participantId) as never)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await check(cardNumber, { role: 'anonymous' } as never)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
