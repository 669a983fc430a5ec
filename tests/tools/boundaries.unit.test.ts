import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../..');

/** The boundary rule's findings for in-memory files at these paths, linted with the repository's own config. */
function boundaryFindings(files: Record<string, string>): Record<string, string[]> {
  const input = Object.entries(files).map(([path, code]) => ({ filePath: resolve(root, path), code }));
  const output = execFileSync(process.execPath, [resolve(__dirname, 'lint-text.mjs')], { input: JSON.stringify(input), encoding: 'utf8' });
  const results = JSON.parse(output) as { filePath: string; messages: { ruleId: string | null; message: string }[] }[];
  return Object.fromEntries(
    results.map((r) => [
      r.filePath.slice(root.length + 1),
      r.messages.filter((m) => m.ruleId === 'boundaries/imports' || m.ruleId === null).map((m) => m.message),
    ]),
  );
}

describe('the import-boundary lint rule', () => {
  // One ESLint run for every case: starting ESLint costs about a second.
  const findings = boundaryFindings({
    'subgraphs/courses/course/crossing.ts': `import { Partner } from '../../partners/partner/partner.entity';\nexport const p = Partner;\n`,
    'subgraphs/courses/course/crossing-deep.ts': `export { Card } from '../../../subgraphs/participants/card/card.entity';\n`,
    'subgraphs/courses/course/requires-gateway.ts': `export const g = require('../../../gateway/config');\n`,
    'common/crossing.ts': `import { Course } from '../subgraphs/courses/course/course.entity';\nexport const c = Course;\n`,
    'common/imports-gateway.ts': `export const g = import('../gateway/config');\n`,
    'subgraphs/courses/course/allowed.ts': `import { log } from '../../../common/logger';\nimport { Offering } from '../offering/offering.entity';\nexport const a = [log, Offering];\n`,
    'scripts/allowed.ts': `import { Course } from '../subgraphs/courses/course/course.entity';\nexport const c = Course;\n`,
  });

  it('fails a subgraph importing another subgraph or the gateway, however the path is written', () => {
    expect(findings['subgraphs/courses/course/crossing.ts']).toEqual([
      expect.stringMatching(/subgraphs\/courses must not import subgraphs\/partners/),
    ]);
    expect(findings['subgraphs/courses/course/crossing-deep.ts']).toEqual([
      expect.stringMatching(/subgraphs\/courses must not import subgraphs\/participants/),
    ]);
    expect(findings['subgraphs/courses/course/requires-gateway.ts']).toEqual([expect.stringMatching(/must not import gateway/)]);
  });

  it('fails common/ importing a subgraph or the gateway', () => {
    expect(findings['common/crossing.ts']).toEqual([expect.stringMatching(/common must not import subgraphs\/courses/)]);
    expect(findings['common/imports-gateway.ts']).toEqual([expect.stringMatching(/common must not import gateway/)]);
  });

  it('allows a subgraph its own folders and common/, and scripts the whole system', () => {
    expect(findings['subgraphs/courses/course/allowed.ts']).toEqual([]);
    expect(findings['scripts/allowed.ts']).toEqual([]);
  });
});
