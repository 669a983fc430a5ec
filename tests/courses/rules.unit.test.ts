import { deriveOtp, hashOtp, newOtpSeed, otpMatches } from '../../subgraphs/courses/purchase/otp';
import { PurchaseStatus } from '../../subgraphs/courses/purchase/purchase.enums';
import { decideAuthorize, decideRetry, otpExpiry, REISSUE_MARGIN_MS, type PurchaseState } from '../../subgraphs/courses/purchase/rules';

const now = new Date('2024-03-01T10:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const state = (over: Partial<PurchaseState> = {}): PurchaseState => ({
  status: PurchaseStatus.AWAITING_OTP,
  cardNumber: '5000000000000009',
  courseId: 'c1',
  amount: 100_000,
  otpHash: 'h',
  otpExpiresAt: at(60_000),
  otpAttempts: 0,
  holdExpiresAt: at(300_000),
  otpAwaitingDelivery: false,
  ...over,
});
const same = { cardNumber: '5000000000000009', courseId: 'c1', amount: 100_000 };

describe('decideRetry (purchaseStart on a used invoice code)', () => {
  it('is a conflict when card, course or amount differ, whatever the status', () => {
    for (const status of Object.values(PurchaseStatus)) {
      expect(decideRetry(state({ status }), { ...same, amount: 100_001 }, now)).toBe('CONFLICT');
      expect(decideRetry(state({ status }), { ...same, courseId: 'c2' }, now)).toBe('CONFLICT');
      expect(decideRetry(state({ status }), { ...same, cardNumber: '5000000000000017' }, now)).toBe('CONFLICT');
    }
  });

  it('returns the purchase while its OTP is valid, and after it left AWAITING_OTP', () => {
    expect(decideRetry(state(), same, now)).toBe('RETURN');
    for (const status of [PurchaseStatus.CAPTURING, PurchaseStatus.AUTHORIZED, PurchaseStatus.EXPIRED, PurchaseStatus.LOCKED]) {
      expect(decideRetry(state({ status, otpExpiresAt: at(-1) }), same, now)).toBe('RETURN');
    }
  });

  it('issues a new OTP only when none is valid and the hold still has time', () => {
    expect(decideRetry(state({ otpExpiresAt: at(-1) }), same, now)).toBe('ISSUE_OTP');
    expect(decideRetry(state({ otpExpiresAt: now }), same, now)).toBe('ISSUE_OTP');
    expect(decideRetry(state({ otpHash: null, otpExpiresAt: null }), same, now)).toBe('ISSUE_OTP');
    expect(decideRetry(state({ otpExpiresAt: at(-1), holdExpiresAt: at(REISSUE_MARGIN_MS) }), same, now)).toBe('RETURN');
  });

  it('sends the valid OTP again when its delivery was never confirmed, and only while it is valid and awaited', () => {
    expect(decideRetry(state({ otpAwaitingDelivery: true }), same, now)).toBe('RESEND_OTP');
    expect(decideRetry(state({ otpAwaitingDelivery: true, otpExpiresAt: at(-1) }), same, now)).toBe('ISSUE_OTP');
    for (const status of [PurchaseStatus.CAPTURING, PurchaseStatus.AUTHORIZED, PurchaseStatus.EXPIRED, PurchaseStatus.LOCKED]) {
      expect(decideRetry(state({ status, otpAwaitingDelivery: true }), same, now)).toBe('RETURN');
    }
    expect(decideRetry(state({ otpAwaitingDelivery: true }), { ...same, amount: 1 }, now)).toBe('CONFLICT');
  });
});

describe('otpExpiry', () => {
  it('is the OTP lifetime, never beyond the hold', () => {
    expect(otpExpiry(now, 5, at(600_000))).toEqual(at(300_000));
    expect(otpExpiry(now, 5, at(120_000))).toEqual(at(120_000));
  });
});

describe('decideAuthorize', () => {
  it('accepts the right OTP in time', () => {
    expect(decideAuthorize(state(), true, now, 3)).toEqual({ kind: 'ACCEPT' });
  });

  it('counts wrong OTPs and locks at the maximum', () => {
    expect(decideAuthorize(state(), false, now, 3)).toEqual({ kind: 'INVALID', attempts: 1 });
    expect(decideAuthorize(state({ otpAttempts: 1 }), false, now, 3)).toEqual({ kind: 'INVALID', attempts: 2 });
    expect(decideAuthorize(state({ otpAttempts: 2 }), false, now, 3)).toEqual({ kind: 'LOCK', attempts: 3 });
    expect(decideAuthorize(state({ otpAttempts: 3 }), true, now, 3)).toEqual({ kind: 'LOCKED' });
    expect(decideAuthorize(state({ status: PurchaseStatus.LOCKED }), true, now, 3)).toEqual({ kind: 'LOCKED' });
  });

  it('refuses an expired OTP (or hold) without counting it', () => {
    expect(decideAuthorize(state({ otpExpiresAt: now }), true, now, 3)).toEqual({ kind: 'EXPIRED' });
    expect(decideAuthorize(state({ otpExpiresAt: at(-1) }), false, now, 3)).toEqual({ kind: 'EXPIRED' });
    expect(decideAuthorize(state({ holdExpiresAt: now }), true, now, 3)).toEqual({ kind: 'EXPIRED' });
    expect(decideAuthorize(state({ otpHash: null, otpExpiresAt: null }), true, now, 3)).toEqual({ kind: 'EXPIRED' });
    expect(decideAuthorize(state({ status: PurchaseStatus.EXPIRED }), true, now, 3)).toEqual({ kind: 'EXPIRED' });
  });

  it('finishes an accepted purchase on a retry with the right OTP, and counts nothing for a wrong one', () => {
    for (const status of [PurchaseStatus.CAPTURING, PurchaseStatus.AUTHORIZED]) {
      // Even after the OTP's own expiry: the OTP was accepted in time.
      expect(decideAuthorize(state({ status, otpExpiresAt: at(-60_000) }), true, now, 3)).toEqual({ kind: 'FINISH' });
      expect(decideAuthorize(state({ status, otpAttempts: 1 }), false, now, 3)).toEqual({ kind: 'INVALID', attempts: 1 });
    }
  });
});

describe('OTP hashing', () => {
  it('derives 6 digits, the same again from the same seed, another from another seed or generation', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const seed = newOtpSeed();
      const otp = deriveOtp('secret', 'p1', 1, seed);
      expect(otp).toMatch(/^\d{6}$/);
      expect(deriveOtp('secret', 'p1', 1, seed)).toBe(otp);
      codes.add(otp);
    }
    expect(codes.size).toBeGreaterThan(190); // random seeds, random codes
    const seed = newOtpSeed();
    expect(new Set([1, 2, 3, 4, 5].map((g) => deriveOtp('secret', 'p1', g, seed))).size).toBeGreaterThan(1);
  });

  it('binds the hash to secret, purchase and generation', () => {
    const hash = hashOtp('secret', 'p1', 1, '012345');
    expect(otpMatches('secret', 'p1', 1, '012345', hash)).toBe(true);
    expect(otpMatches('secret', 'p1', 1, '012346', hash)).toBe(false);
    expect(otpMatches('secret', 'p2', 1, '012345', hash)).toBe(false);
    expect(otpMatches('secret', 'p1', 2, '012345', hash)).toBe(false);
    expect(otpMatches('other', 'p1', 1, '012345', hash)).toBe(false);
    expect(otpMatches('secret', 'p1', 1, '012345', null)).toBe(false);
    expect(otpMatches('secret', 'p1', 1, '12345', hash)).toBe(false);
    expect(hash).not.toContain('012345');
  });
});
