import { ageOn, familyCardProblems, maskDigits, parseNik } from '../../subgraphs/participants/nik/nik';

const REF = new Date('2025-06-01T00:00:00Z');
const parse = (nik: string) => parseNik(nik, REF);

describe('NIK validation', () => {
  it('parses a man born 17 Aug 1985 in Gambir, Jakarta Pusat', () => {
    expect(parse('3171011708850001')).toEqual({
      ok: true,
      value: {
        provinceCode: '31',
        provinceName: 'Daerah Khusus Ibukota Jakarta',
        districtCode: '317101',
        gender: 'MALE',
        birthDate: '1985-08-17',
      },
    });
  });

  it('reads day + 40 as a woman', () => {
    const result = parse('3171015708850002');
    expect(result).toMatchObject({ ok: true, value: { gender: 'FEMALE', birthDate: '1985-08-17' } });
    expect(parse('3171017108850002')).toMatchObject({ ok: true, value: { gender: 'FEMALE', birthDate: '1985-08-31' } });
  });

  it('refuses days that are neither 01-31 nor 41-71', () => {
    for (const dd of ['00', '32', '40', '72', '99']) expect(parse(`317101${dd}08850001`)).toMatchObject({ ok: false });
  });

  it('accepts 29 Feb 2000 (leap year), refuses 29 Feb 2001 and 30 Feb', () => {
    expect(parse('3171012902000001')).toMatchObject({ ok: true, value: { birthDate: '2000-02-29' } });
    expect(parse('3171016902000001')).toMatchObject({ ok: true, value: { birthDate: '2000-02-29', gender: 'FEMALE' } });
    expect(parse('3171012902010001')).toMatchObject({ ok: false });
    expect(parse('3171013002000001')).toMatchObject({ ok: false });
    expect(parse('3171013104900001')).toMatchObject({ ok: false }); // 31 April
  });

  it('chooses the century that makes the person 0..99 years old', () => {
    expect(parse('3171010101240001')).toMatchObject({ ok: true, value: { birthDate: '2024-01-01' } });
    expect(parse('3171010107250001')).toMatchObject({ ok: true, value: { birthDate: '1925-07-01' } }); // after REF in 2025
    expect(parse('3171010101300001')).toMatchObject({ ok: true, value: { birthDate: '1930-01-01' } });
  });

  it('accepts province codes 11 and 96, refuses 10, 20, 97 and 99', () => {
    expect(parse('1101011708850001')).toMatchObject({ ok: true, value: { provinceName: 'Aceh' } });
    expect(parse('9601011708850001')).toMatchObject({ ok: true, value: { provinceCode: '96', provinceName: 'Papua Barat Daya' } });
    for (const p of ['10', '20', '97', '99']) expect(parse(`${p}01011708850001`)).toMatchObject({ ok: false });
  });

  it('refuses a real province with a district code that does not exist', () => {
    const result = parse('3199991708850001');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reasons.join()).toMatch(/district/);
  });

  it('refuses wrong lengths, letters and serial 0000', () => {
    expect(parse('317101170885001')).toMatchObject({ ok: false });
    expect(parse('31710117088500011')).toMatchObject({ ok: false });
    expect(parse('')).toMatchObject({ ok: false });
    expect(parse('31710117088500A1')).toMatchObject({ ok: false });
    expect(parse('3171 11708850001')).toMatchObject({ ok: false });
    const zero = parse('3171011708850000');
    expect(zero.ok).toBe(false);
    if (!zero.ok) expect(zero.reasons).toEqual(['serial number 0000 is never issued']);
  });

  it('masks the middle eight digits', () => {
    expect(maskDigits('3171011708850001')).toBe('3171********0001');
  });

  it('computes age in whole years', () => {
    expect(ageOn('2007-06-01', REF)).toBe(18);
    expect(ageOn('2007-06-02', REF)).toBe(17);
  });
});

describe('family card (KK) validation', () => {
  it('accepts 16 digits starting with a real district code', () => {
    expect(familyCardProblems('3171010203040005')).toEqual([]);
  });
  it('refuses unknown districts, all zeros after the district, wrong length and letters', () => {
    expect(familyCardProblems('1001010203040005')).toHaveLength(1);
    expect(familyCardProblems('3171010000000000')).toHaveLength(1);
    expect(familyCardProblems('317101020304000')).toHaveLength(1);
    expect(familyCardProblems('31710102030400X5')).toHaveLength(1);
  });
});
