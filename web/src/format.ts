/** Rupiah as Indonesians write it: Rp3.500.000 (dot thousands, no decimals), in either language. */
export function formatRupiah(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  return `${sign}Rp${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(Math.abs(amount))}`;
}

/** Indonesia's three time zones by province code (first two NIK digits): WITA and WIT east of Java, WIB elsewhere. */
const WITA = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);
const WIT = new Set(['81', '82', '91', '92', '93', '94', '95', '96']);

export function timeZoneOf(provinceCode: string | undefined): { zone: string; label: 'WIB' | 'WITA' | 'WIT' } {
  const code = (provinceCode ?? '').slice(0, 2);
  if (WIT.has(code)) return { zone: 'Asia/Jayapura', label: 'WIT' };
  if (WITA.has(code)) return { zone: 'Asia/Makassar', label: 'WITA' };
  return { zone: 'Asia/Jakarta', label: 'WIB' };
}

export function formatDateTime(iso: string, language: string, provinceCode?: string): string {
  const { zone, label } = timeZoneOf(provinceCode);
  const text = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone,
  }).format(new Date(iso));
  return `${text} ${label}`;
}

/** Whole days, hours and minutes left until `iso` (zero once past). */
export function countdown(iso: string, now = Date.now()): { days: number; hours: number; minutes: number; past: boolean } {
  const ms = new Date(iso).getTime() - now;
  const left = Math.max(0, ms);
  return {
    days: Math.floor(left / 86_400_000),
    hours: Math.floor((left % 86_400_000) / 3_600_000),
    minutes: Math.floor((left % 3_600_000) / 60_000),
    past: ms <= 0,
  };
}
