import { SignJWT, generateKeyPair } from 'jose';
import { IDENTITY_HEADER_NAMES, forgedIdentityHeaders } from './forge';
import { tokenFor } from '../support/client';
import { codeOf, post, registerThroughGateway } from './support';

const { readSecret } = require('../../dist/common/config') as typeof import('../../common/config');
const { jwtSettings } = require('../../dist/common/dev-token') as typeof import('../../common/dev-token');

const ME = `{ me { id nik } }`;
const secret = () => new TextEncoder().encode(readSecret('JWT_SECRET'));

async function token(
  claims: Record<string, unknown>,
  options: { alg?: string; exp?: number; iss?: string; aud?: string; key?: Uint8Array | CryptoKey } = {},
) {
  const { issuer, audience } = jwtSettings();
  return new SignJWT({ role: 'participant', ...claims })
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setSubject(String(claims.sub ?? 'someone'))
    .setIssuer(options.iss ?? issuer)
    .setAudience(options.aud ?? audience)
    .setExpirationTime(options.exp ?? Math.floor(Date.now() / 1000) + 600)
    .sign(options.key ?? secret());
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('authentication at the gateway', () => {
  it('answers the same UNAUTHENTICATED (401) for every bad token', async () => {
    const { id } = await registerThroughGateway();
    const { issuer, audience } = jwtSettings();
    const valid = await tokenFor('participant', id);
    const [header, payload, signature] = valid.split('.');
    const { privateKey } = await generateKeyPair('ES256');
    const bad: Record<string, string> = {
      expired: await token({ sub: id }, { exp: Math.floor(Date.now() / 1000) - 60 }),
      wrongIssuer: await token({ sub: id }, { iss: 'https://evil.example' }),
      wrongAudience: await token({ sub: id }, { aud: 'another-api' }),
      wrongSecret: await token({ sub: id }, { key: new TextEncoder().encode('x'.repeat(64)) }),
      unknownKey: await token({ sub: id }, { alg: 'ES256', key: privateKey }),
      algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ role: 'admin', sub: id, iss: issuer, aud: audience, exp: Math.floor(Date.now() / 1000) + 600 })}.`,
      tamperedPayload: `${header}.${b64({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' })}.${signature}`,
      unsigned: `${header}.${payload}.`,
      notAJwt: 'hello',
      noExp: await new SignJWT({ role: 'participant' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(id)
        .setIssuer(issuer)
        .setAudience(audience)
        .sign(secret()),
    };
    const answers = await Promise.all(
      Object.entries(bad).map(async ([name, t]) => [name, await post(ME, {}, { authorization: `Bearer ${t}` })] as const),
    );
    for (const [name, res] of answers) {
      expect([name, res.status, codeOf(res), res.json.data]).toEqual([name, 401, 'UNAUTHENTICATED', undefined]);
    }
    expect(new Set(answers.map(([, res]) => res.json.errors?.[0].message)).size).toBe(1);
    const good = await post(ME, {}, { authorization: `Bearer ${valid}` });
    expect(good.json.data?.me.id).toBe(id);
  });

  it('ignores identity headers a client forges', async () => {
    const { id } = await registerThroughGateway();
    const forged = forgedIdentityHeaders({ role: 'admin', subject: 'mallory' });
    expect(Object.keys(forged)).toEqual(expect.arrayContaining(IDENTITY_HEADER_NAMES));
    const asAnonymous = await post(`query($id: ID!) { participant(id: $id) { nik } }`, { id }, forged);
    expect(codeOf(asAnonymous)).toBe('UNAUTHENTICATED');
    expect(asAnonymous.json.data?.participant ?? null).toBeNull();
    // With a real participant token, a forged admin identity header changes nothing either.
    const other = await registerThroughGateway();
    const asParticipant = await post(
      `query($id: ID!) { participant(id: $id) { nik } }`,
      { id: other.id },
      { ...forged, authorization: `Bearer ${await tokenFor('participant', id)}` },
    );
    expect(asParticipant.json.data?.participant).toBeNull();
  });
});
