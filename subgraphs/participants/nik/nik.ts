import { isDistrictCode, provinceName } from './regions';

export type Gender = 'MALE' | 'FEMALE';

export interface NikInfo {
  provinceCode: string;
  provinceName: string;
  /** Six-digit district (kecamatan) code where the NIK was issued. */
  districtCode: string;
  gender: Gender;
  /** Calendar date, `YYYY-MM-DD`. */
  birthDate: string;
}

export type NikResult = { ok: true; value: NikInfo } | { ok: false; reasons: string[] };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/**
 * The NIK carries only two digits of the year: take the most recent century in which the person is already
 * born on the reference date, so the age is 0..99.
 */
function birthYear(yy: number, month: number, day: number, reference: Date): number {
  const refY = reference.getUTCFullYear();
  const refMd = (reference.getUTCMonth() + 1) * 100 + reference.getUTCDate();
  let year = Math.floor(refY / 100) * 100 + yy;
  if (year > refY || (year === refY && month * 100 + day > refMd)) year -= 100;
  return year;
}

/**
 * Parses a NIK (Nomor Induk Kependudukan): 6-digit district code, DDMMYY birth date (day + 40 for women),
 * 4-digit serial that is not 0000. Returns every reason it is invalid, not just the first.
 */
export function parseNik(nik: string, reference: Date = new Date()): NikResult {
  if (!/^\d{16}$/.test(nik)) return { ok: false, reasons: ['NIK must be exactly 16 digits'] };
  const reasons: string[] = [];
  const provinceCode = nik.slice(0, 2);
  const districtCode = nik.slice(0, 6);
  const province = provinceName(provinceCode);
  if (!province) reasons.push(`${provinceCode} is not a province code`);
  else if (!isDistrictCode(districtCode)) reasons.push(`${districtCode} is not a district (kecamatan) code`);

  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const gender: Gender = rawDay > 40 ? 'FEMALE' : 'MALE';
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  let birthDate = '';
  if (month < 1 || month > 12) reasons.push(`month ${pad(month)} does not exist`);
  else if (day < 1 || day > 31) reasons.push(`day ${pad(rawDay)} is neither 01-31 (men) nor 41-71 (women)`);
  else {
    const year = birthYear(yy, month, day, reference);
    if (day > daysInMonth(year, month)) reasons.push(`${year}-${pad(month)}-${pad(day)} is not a calendar date`);
    else birthDate = `${year}-${pad(month)}-${pad(day)}`;
  }
  if (nik.slice(12) === '0000') reasons.push('serial number 0000 is never issued');
  if (reasons.length || !province) return { ok: false, reasons };
  return { ok: true, value: { provinceCode, provinceName: province, districtCode, gender, birthDate } };
}

/** Reasons a family card (Kartu Keluarga) number is invalid; empty when valid. */
export function familyCardProblems(kk: string): string[] {
  if (!/^\d{16}$/.test(kk)) return ['family card number must be exactly 16 digits'];
  const reasons: string[] = [];
  if (!isDistrictCode(kk.slice(0, 6))) reasons.push(`${kk.slice(0, 6)} is not a district (kecamatan) code`);
  if (/^0{10}$/.test(kk.slice(6))) reasons.push('the digits after the district code cannot all be zero');
  return reasons;
}

/** `3171********0001`: enough to recognise a NIK or a card number, not enough to use it. */
export const maskDigits = (nik: string): string => `${nik.slice(0, 4)}${'*'.repeat(Math.max(0, nik.length - 8))}${nik.slice(-4)}`;

/** Builds the six date digits of a NIK (day + 40 for women). */
export function nikDateDigits(birthDate: string, gender: Gender): string {
  const [y, m, d] = birthDate.split('-').map(Number);
  return `${pad(gender === 'FEMALE' ? d + 40 : d)}${pad(m)}${pad(y % 100)}`;
}

/** Whole years between a `YYYY-MM-DD` birth date and a reference instant (UTC calendar). */
export function ageOn(birthDate: string, reference: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  const refY = reference.getUTCFullYear();
  const before = reference.getUTCMonth() + 1 < m || (reference.getUTCMonth() + 1 === m && reference.getUTCDate() < d);
  return refY - y - (before ? 1 : 0);
}
