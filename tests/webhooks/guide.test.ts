import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { gatewayQuery } from '../support/client';
import { partnerWithCredential, setPartnerActive } from '../support/partner';
import { eventually } from './receiver';

/* Runs the webhook receiver of docs/partner-guide.md §7 as written: it verifies a real delivery, and rejects one signed with another key. */

const { issueDevToken } = require('../../dist/common/dev-token') as typeof import('../../common/dev-token');
const guide = readFileSync(resolve(__dirname, '../../docs/partner-guide.md'), 'utf8');
const receiverBlock = [...guide.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes('x-delivery-id'))!;

const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

async function runReceiver(signingKey: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', receiverBlock], { env: { ...process.env, SIGNING_KEY: signingKey, PORT: String(port) } });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  // No wait for it to listen: a delivery sent before that is refused and retried.
  return { url: `http://127.0.0.1:${port}/prakerja/webhooks`, output: () => out, stop: () => child.kill() };
}

it.each([
  ['the platform’s key', true],
  ['another key', false],
])('the guide’s receiver, holding %s, %s the delivery', async (_what, right) => {
  const p = await partnerWithCredential();
  const receiver = await runReceiver(right ? p.signingKey : 'f'.repeat(64));
  try {
    const token = await issueDevToken({ role: 'partnerStaff', sub: 'guide-staff', partnerId: p.partnerId });
    const set = await gatewayQuery(
      `mutation($input: WebhookEndpointSetInput!) { webhookEndpointSet(input: $input) { userErrors { code } } }`,
      { input: { partnerId: p.partnerId, url: receiver.url } },
      { token },
    );
    expect(set.data!.webhookEndpointSet.userErrors).toEqual([]);
    await setPartnerActive(p.partnerId, false);
    const line = await eventually(() => /^(verified|rejected) .*$/m.exec(receiver.output())?.[0], 'the receiver’s verdict');
    expect(line.startsWith(right ? 'verified partner.status_changed ' : 'rejected ')).toBe(true);
  } finally {
    receiver.stop();
  }
});
