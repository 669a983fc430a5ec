import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** A fresh 6-digit OTP from the CSPRNG. */
export const generateOtp = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

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
