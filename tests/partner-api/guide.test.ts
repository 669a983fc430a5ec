import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { gatewayUrl } from '../support/client';
import { partnerWithCredential } from '../support/partner';

/* Runs the copy-paste examples of docs/partner-guide.md (the Node snippet and the curl + openssl one) as they are written. */

const run = promisify(execFile);
const guide = readFileSync(resolve(__dirname, '../../docs/partner-guide.md'), 'utf8');
const block = (lang: string, containing: string) => {
  const found = [...guide.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))]
    .map((m) => m[1])
    .find((b) => b.includes(containing));
  if (!found) throw new Error(`no ${lang} block with ${containing}`);
  return found;
};

describe('partner guide examples', () => {
  it('the Node snippet and the curl + openssl example are accepted and give the documented answer', async () => {
    const p = await partnerWithCredential();
    const documents = resolve(__dirname, '../../schema/operations/partner');
    const env = { ...process.env, GATEWAY_URL: gatewayUrl(), CLIENT_ID: p.clientId, SIGNING_KEY: p.signingKey, DOCUMENTS: documents };
    // The answer each example documents in a comment after it.
    const expected = /# (\{"data":.*)\n/.exec(block('sh', 'openssl dgst'))![1];
    expect(JSON.parse(expected).data.eligibility.reasons[0].code).toBe('INVALID_CARD_NUMBER');
    expect(block('js', 'createHmac')).toContain(`// 200 ${expected}`);

    const node = await run(process.execPath, ['-e', block('js', 'createHmac')], { env });
    expect(node.stdout.trim()).toBe(`200 ${expected}`);
    const shell = await run('bash', ['-c', block('sh', 'openssl dgst')], { env });
    expect(shell.stdout.trim()).toBe(expected);
    // The same shell example with a wrong key is refused.
    const refused = await run('bash', ['-c', block('sh', 'openssl dgst')], { env: { ...env, SIGNING_KEY: 'f'.repeat(64) } });
    expect(JSON.parse(refused.stdout).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
