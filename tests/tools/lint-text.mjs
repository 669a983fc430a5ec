/**
 * Lints in-memory files with the repository's ESLint configuration, through ESLint's Node API: reads
 * `[{ filePath, code }]` as JSON on stdin, writes `[{ filePath, messages: [{ ruleId, message }] }]`. A child
 * process because ESLint loads its (ESM) config with a dynamic import, which Jest's module sandbox refuses.
 */
import { ESLint } from 'eslint';
import { text } from 'node:stream/consumers';

const files = JSON.parse(await text(process.stdin));
const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });
const results = [];
for (const { filePath, code } of files) {
  const [result] = await eslint.lintText(code, { filePath });
  results.push({ filePath, messages: result.messages.map(({ ruleId, message }) => ({ ruleId, message })) });
}
process.stdout.write(JSON.stringify(results));
