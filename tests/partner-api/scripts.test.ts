import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { gatewayUrl } from '../support/client';
import { createActivePartner } from '../support/partner';

/* The developer tools of docs/partner-guide.md, run as a platform engineer would, against the test gateway. */

const run = promisify(execFile);
const script = (name: string) => resolve(__dirname, `../../dist/scripts/${name}.js`);

describe('partner developer scripts', () => {
  it('partner-credentials issues a working credential by slug, and partner-client signs and sends a contract document', async () => {
    const slug = `dev-${Date.now().toString(36)}`;
    await createActivePartner(slug);
    const env = { ...process.env, GATEWAY_URL: gatewayUrl() };
    const issued = await run(process.execPath, [script('partner-credentials'), '--partner', slug], { env });
    const clientId = /clientId:\s+(\S+)/.exec(issued.stdout)?.[1];
    const key = /signingKey:\s+([0-9a-f]{64})/.exec(issued.stdout)?.[1];
    expect(clientId).toMatch(new RegExp(`^pk_${slug}_`));
    expect(key).toBeDefined();

    const answer = await run(
      process.execPath,
      [
        script('partner-client'),
        '--client-id',
        clientId!,
        '--key',
        key!,
        '--document',
        'CheckEligibility',
        '--variables',
        '{"cardNumber":"1234"}',
      ],
      { env },
    );
    expect(answer.stdout).toContain('HTTP 200');
    expect(answer.stdout).toContain('INVALID_CARD_NUMBER');
    const catalog = await run(
      process.execPath,
      [script('partner-client'), '--client-id', clientId!, '--key', key!, '--document', 'PartnerCatalog', '--variables', '{"first":5}'],
      { env },
    );
    expect(JSON.parse(catalog.stdout.slice(catalog.stdout.indexOf('{')))).toEqual({
      data: { partnerCourses: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } },
    });

    // A wrong key: HTTP 401 and a non-zero exit.
    await expect(
      run(
        process.execPath,
        [
          script('partner-client'),
          '--client-id',
          clientId!,
          '--key',
          '0'.repeat(64),
          '--document',
          'CheckEligibility',
          '--variables',
          '{"cardNumber":"1234"}',
        ],
        { env },
      ),
    ).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining('HTTP 401'),
    });
    // An unknown slug is reported, not crashed on.
    await expect(run(process.execPath, [script('partner-credentials'), '--partner', 'no-such-platform'], { env })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no partner with slug'),
    });
  });
});
