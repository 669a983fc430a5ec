import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateInternalTypes } from './internal-codegen';

/**
 * `npm run codegen`: writes the internal clients' generated operation types. With `--check` it writes nothing
 * and fails listing the files that differ (the staleness test runs it so).
 */
async function main(check: boolean): Promise<void> {
  const root = resolve(__dirname, '../..');
  const stale: string[] = [];
  for (const { file, content } of await generateInternalTypes()) {
    const path = resolve(root, file);
    if (!check) {
      writeFileSync(path, content);
      process.stdout.write(`wrote ${file}\n`);
    } else if (readFileSync(path, 'utf8') !== content) stale.push(file);
  }
  if (stale.length) {
    process.stderr.write(`stale (run \`npm run codegen\`): ${stale.join(', ')}\n`);
    process.exitCode = 1;
  }
}

main(process.argv.includes('--check')).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 2;
});
