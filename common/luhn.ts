/** Luhn check digit of a string of digits (the digit to append). */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let digit = payload.charCodeAt(payload.length - 1 - i) - 48;
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** A Kartu Prakerja card number: exactly 16 digits whose last digit is the Luhn check digit. */
export function isValidCardNumber(value: string): boolean {
  return /^\d{16}$/.test(value) && luhnCheckDigit(value.slice(0, 15)) === Number(value[15]);
}

/**
 * Test card numbers (the partner sandbox) begin with this. A production number never does: those start with 1-9,
 * and the participants card table refuses this prefix, so a test card can never be mistaken for a real one.
 */
export const TEST_CARD_PREFIX = '0000';

export const isTestCardNumber = (value: string) => value.startsWith(TEST_CARD_PREFIX);
