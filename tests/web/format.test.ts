import { countdown, formatDateTime, formatRupiah, timeZoneOf } from '../../web/src/format';

/* How the web client writes money, times and the purchase countdown. */

it('writes rupiah as Indonesians do, whatever the language', () => {
  expect(formatRupiah(3_500_000)).toBe('Rp3.500.000');
  expect(formatRupiah(750_000)).toBe('Rp750.000');
  expect(formatRupiah(0)).toBe('Rp0');
  expect(formatRupiah(-750_000)).toBe('-Rp750.000');
});

it('picks WIB, WITA or WIT from the province code', () => {
  expect(timeZoneOf('31').label).toBe('WIB'); // DKI Jakarta
  expect(timeZoneOf('61').label).toBe('WIB'); // Kalimantan Barat
  expect(timeZoneOf('51').label).toBe('WITA'); // Bali
  expect(timeZoneOf('73').label).toBe('WITA'); // Sulawesi Selatan
  expect(timeZoneOf('81').label).toBe('WIT'); // Maluku
  expect(timeZoneOf('94').label).toBe('WIT'); // Papua Tengah
  expect(timeZoneOf(undefined).label).toBe('WIB');
});

it('shows an instant in the participant’s own zone', () => {
  const instant = '2026-12-02T00:00:00.000Z';
  expect(formatDateTime(instant, 'id', '31')).toMatch(/07[.:]00 WIB$/);
  expect(formatDateTime(instant, 'id', '51')).toMatch(/08[.:]00 WITA$/);
  expect(formatDateTime(instant, 'en', '91')).toMatch(/09:00 WIT$/);
});

it('counts down days, hours and minutes, and stops at zero', () => {
  const now = Date.parse('2026-12-02T00:00:00Z');
  expect(countdown('2026-12-16T05:30:00Z', now)).toEqual({ days: 14, hours: 5, minutes: 30, past: false });
  expect(countdown('2026-12-01T00:00:00Z', now)).toEqual({ days: 0, hours: 0, minutes: 0, past: true });
});
