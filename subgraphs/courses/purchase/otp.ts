import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random seed (CSPRNG) for one OTP, kept on the purchase until its delivery is confirmed. */
export const newOtpSeed = (): string => randomBytes(16).toString('hex');

/**
 * The 6-digit OTP of a purchase's generation, derived from its seed with the key: a re-send after an unknown
 * outcome sends the very same code. Without both the key and the stored seed it cannot be computed, as
 * before with a random OTP (key and table together break either kind by trying the million codes).
 */
export function deriveOtp(secret: string, purchaseId: string, generation: number, seed: string): string {
  const mac = createHmac('sha256', secret).update(`otp:${purchaseId}:${generation}:${seed}`).digest();
  return String(mac.readUIntBE(0, 6) % 1_000_000).padStart(6, '0'); // 48 bits: the modulo bias is below 1e-8
}

/**
 * Keyed hash of an OTP, bound to its purchase and generation: the table never holds a usable OTP, and a
 * hash cannot be replayed on another purchase or an older generation.
 */
export function hashOtp(secret: string, purchaseId: string, generation: number, otp: string): string {
  return createHmac('sha256', secret).update(`${purchaseId}:${generation}:${otp}`).digest('hex');
}

export function otpMatches(secret: string, purchaseId: string, generation: number, otp: string, hash: string | null): boolean {
  if (!hash || !/^\d{6}$/.test(otp)) return false;
  const expected = Buffer.from(hashOtp(secret, purchaseId, generation, otp), 'hex');
  const stored = Buffer.from(hash, 'hex');
  return stored.length === expected.length && timingSafeEqual(stored, expected);
}
