import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Official Indonesian region codes (Kepmendagri), from the `idn-area-data` package. Loaded once, lazily: the
 * first NIK check pays for reading ~7,300 district rows, every later check is a Set lookup.
 */
interface Regions {
  provinces: Map<string, string>;
  /** District (kecamatan) codes as six digits, for example `110101`. */
  districts: Set<string>;
  /** The same codes in their source order, for seeding. */
  districtList: string[];
}

let regions: Regions | undefined;

function dataFile(name: string): string {
  return resolve(dirname(require.resolve('idn-area-data/package.json')), 'data', name);
}

/** First two CSV columns of each data row (names may be quoted; codes never are). */
function rows(file: string): Array<[string, string]> {
  const lines = readFileSync(dataFile(file), 'utf8').split(/\r?\n/).slice(1);
  const out: Array<[string, string]> = [];
  for (const line of lines) {
    if (!line) continue;
    const comma = line.indexOf(',');
    const rest = line.slice(comma + 1);
    out.push([line.slice(0, comma), rest.replace(/^"|"$/g, '').replace(/""/g, '"')]);
  }
  return out;
}

function load(): Regions {
  if (regions) return regions;
  const provinces = new Map(rows('provinces.csv').map(([code, name]) => [code, name]));
  const districtList = rows('districts.csv').map(([code]) => code.replace(/\./g, ''));
  regions = { provinces, districts: new Set(districtList), districtList };
  return regions;
}

/** Name of a province by its two-digit code, or undefined when the code is not one of the 38 provinces. */
export const provinceName = (code: string): string | undefined => load().provinces.get(code);

/** Whether six digits are a real district (kecamatan) code. */
export const isDistrictCode = (code: string): boolean => load().districts.has(code);

/** Every province as [code, name], in official order. */
export const allProvinces = (): Array<[string, string]> => [...load().provinces.entries()];

/** Every district code (six digits), in official order. */
export const allDistricts = (): readonly string[] => load().districtList;
