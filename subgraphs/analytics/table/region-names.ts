import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Names of provinces and regencies (kabupaten/kota) by the codes the events carry (two and four digits), from
 * the official Kepmendagri list in the pinned `idn-area-data` package: the same list NIKs are checked and the
 * seed draws from, read from the package rather than from another subgraph. Loaded once, on first use.
 */
let names: Map<string, string> | undefined;

function load(): Map<string, string> {
  if (names) return names;
  const folder = resolve(dirname(require.resolve('idn-area-data/package.json')), 'data');
  names = new Map();
  // provinces.csv: code,name; regencies.csv: code (11.01),province_code,name. A name may be quoted.
  for (const [file, nameColumn] of [
    ['provinces.csv', 1],
    ['regencies.csv', 2],
  ] as const) {
    for (const line of readFileSync(resolve(folder, file), 'utf8').split(/\r?\n/).slice(1)) {
      const match = line.match(nameColumn === 1 ? /^([\d.]+),(.*)$/ : /^([\d.]+),\d+,(.*)$/);
      if (match) names.set(match[1].replace('.', ''), match[2].replace(/^"|"$/g, '').replace(/""/g, '"'));
    }
  }
  return names;
}

/** The name of a province (`32`) or regency (`3273`) code, or undefined for a code not on the list (`UNKNOWN`). */
export const regionName = (code: string): string | undefined => load().get(code);
