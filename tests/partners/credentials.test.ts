import { db } from '../support/client';
import { activePartner, ADMIN, ANALYST, apply, codeOf, move, q, SERVICE } from './helpers';

const ISSUE = `mutation($partnerId: ID!) { partnerCredentialIssue(input: { partnerId: $partnerId }) {
  credential { id clientId createdAt revokedAt } key { id revokedAt } signingKey userErrors { code } } }`;
const ROTATE = `mutation($credentialId: ID!) { partnerCredentialRotate(input: { credentialId: $credentialId }) {
  credential { id clientId } key { id } signingKey userErrors { code } } }`;
const REVOKE = `mutation($input: PartnerCredentialRevokeInput!) { partnerCredentialRevoke(input: $input) {
  credential { id revokedAt keys { id revokedAt } } userErrors { code } } }`;
const VERIFY = `query($clientId: String!) { partnerCredentialVerification(clientId: $clientId) { partnerId partnerStatus signingKeys } }`;

async function issue(partnerId: string) {
  const res = await q(ISSUE, { partnerId });
  expect(res.data!.partnerCredentialIssue.userErrors).toEqual([]);
  return res.data!.partnerCredentialIssue as { credential: { id: string; clientId: string }; key: { id: string }; signingKey: string };
}

describe('partner credentials', () => {
  it('shows the signing key once, stores it encrypted, and never returns it again', async () => {
    const partnerId = await activePartner();
    const issued = await issue(partnerId);
    expect(issued.signingKey).toMatch(/^[0-9a-f]{64}$/);
    expect(issued.credential.clientId).toMatch(/^pk_/);

    const { rows } = await db().query('SELECT k.encrypted_key FROM partners.partner_credential_key k WHERE k.id = $1', [issued.key.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].encrypted_key).not.toContain(issued.signingKey);
    expect(rows[0].encrypted_key).not.toContain(Buffer.from(issued.signingKey, 'hex').toString('base64url'));
    expect(rows[0].encrypted_key).toMatch(/^v1\./);
    const whole = await db().query(
      `SELECT count(*)::int AS n FROM partners.partner_credential_key k, partners.partner_credential c
      WHERE position($1 in k::text) > 0 OR position($1 in c::text) > 0`,
      [issued.signingKey],
    );
    expect(whole.rows[0].n).toBe(0);

    // Each key gets its own random IV.
    const second = await issue(partnerId);
    const ivs = await db().query(`SELECT split_part(encrypted_key, '.', 2) AS iv FROM partners.partner_credential_key WHERE id = ANY($1)`, [
      [issued.key.id, second.key.id],
    ]);
    expect(new Set(ivs.rows.map((r) => r.iv)).size).toBe(2);

    const read = await q(`query($id: ID!) { partner(id: $id) { credentials { id clientId revokedAt keys { id revokedAt } } } }`, {
      id: partnerId,
    });
    expect(read.data!.partner.credentials.map((c: { id: string }) => c.id)).toEqual([issued.credential.id, second.credential.id]);
    expect(JSON.stringify(read)).not.toContain(issued.signingKey);
    // Not a field at all: asking for the key fails validation.
    const asked = await q(`query($id: ID!) { partner(id: $id) { credentials { keys { signingKey } } } }`, { id: partnerId });
    expect(codeOf(asked)).toBe('GRAPHQL_VALIDATION_FAILED');

    const verified = await q(VERIFY, { clientId: issued.credential.clientId }, SERVICE);
    expect(verified.data!.partnerCredentialVerification).toEqual({ partnerId, partnerStatus: 'ACTIVE', signingKeys: [issued.signingKey] });
  });

  it('rotates under the same client id: both keys verify until the old one is revoked', async () => {
    const partnerId = await activePartner();
    const issued = await issue(partnerId);
    const rotated = (await q(ROTATE, { credentialId: issued.credential.id })).data!.partnerCredentialRotate;
    expect(rotated.userErrors).toEqual([]);
    expect(rotated.credential.clientId).toBe(issued.credential.clientId);
    expect(rotated.signingKey).not.toBe(issued.signingKey);

    const during = (await q(VERIFY, { clientId: issued.credential.clientId }, SERVICE)).data!.partnerCredentialVerification;
    expect([...during.signingKeys].sort()).toEqual([issued.signingKey, rotated.signingKey].sort());

    const revoked = (await q(REVOKE, { input: { keyId: issued.key.id } })).data!.partnerCredentialRevoke;
    expect(revoked.userErrors).toEqual([]);
    expect(revoked.credential.revokedAt).toBeNull();
    expect(revoked.credential.keys.map((k: { id: string; revokedAt: string | null }) => [k.id, k.revokedAt !== null])).toEqual([
      [issued.key.id, true],
      [rotated.key.id, false],
    ]);
    const after = (await q(VERIFY, { clientId: issued.credential.clientId }, SERVICE)).data!.partnerCredentialVerification;
    expect(after.signingKeys).toEqual([rotated.signingKey]);
    expect((await q(REVOKE, { input: { keyId: issued.key.id } })).data!.partnerCredentialRevoke.userErrors).toEqual([
      { code: 'ALREADY_REVOKED' },
    ]);
  });

  it('revokes a whole credential: verification returns null, rotation is refused', async () => {
    const partnerId = await activePartner();
    const issued = await issue(partnerId);
    await q(ROTATE, { credentialId: issued.credential.id });
    const revoked = (await q(REVOKE, { input: { credentialId: issued.credential.id } })).data!.partnerCredentialRevoke;
    expect(revoked.credential.revokedAt).not.toBeNull();
    expect(revoked.credential.keys.every((k: { revokedAt: string | null }) => k.revokedAt !== null)).toBe(true);
    expect((await q(VERIFY, { clientId: issued.credential.clientId }, SERVICE)).data!.partnerCredentialVerification).toBeNull();
    expect((await q(ROTATE, { credentialId: issued.credential.id })).data!.partnerCredentialRotate.userErrors).toEqual([
      { code: 'REVOKED' },
    ]);
    expect((await q(VERIFY, { clientId: 'pk_unknown_0000' }, SERVICE)).data!.partnerCredentialVerification).toBeNull();
    expect(codeOf(await q(REVOKE, { input: { credentialId: issued.credential.id, keyId: issued.key.id } }))).toBe('BAD_USER_INPUT');
  });

  it('reports the partner status so the gateway can refuse suspended platforms', async () => {
    const partnerId = await activePartner();
    const issued = await issue(partnerId);
    await move('partnerSuspend', partnerId);
    const res = await q(VERIFY, { clientId: issued.credential.clientId }, SERVICE);
    expect(res.data!.partnerCredentialVerification.partnerStatus).toBe('SUSPENDED');
  });

  it('issues only to admitted platforms', async () => {
    const applied = await apply();
    expect((await q(ISSUE, { partnerId: applied })).data!.partnerCredentialIssue.userErrors).toEqual([{ code: 'NOT_ADMITTED' }]);
  });

  it('refuses the verification query to everyone but the gateway service, and credential mutations to non-admins', async () => {
    const partnerId = await activePartner();
    const issued = await issue(partnerId);
    for (const identity of [
      ADMIN,
      ANALYST,
      { role: 'partner' as const, partnerId, subject: issued.credential.clientId },
      { role: 'participant' as const, subject: 'p1' },
    ]) {
      const res = await q(VERIFY, { clientId: issued.credential.clientId }, identity);
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(res.data?.partnerCredentialVerification ?? null).toBeNull();
    }
    expect(codeOf(await q(VERIFY, { clientId: issued.credential.clientId }, { role: 'anonymous' }))).toBe('UNAUTHENTICATED');
    // Other services (the courses subgraph) must not read plaintext signing keys either: the gateway only.
    for (const identity of [{ role: 'service' as const, subject: 'courses' }, { role: 'service' as const }]) {
      const res = await q(VERIFY, { clientId: issued.credential.clientId }, identity);
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(res.data?.partnerCredentialVerification ?? null).toBeNull();
    }
    expect(codeOf(await q(ISSUE, { partnerId }, ANALYST))).toBe('FORBIDDEN');
    expect(codeOf(await q(ROTATE, { credentialId: issued.credential.id }, { role: 'anonymous' }))).toBe('UNAUTHENTICATED');
    const { rows } = await db().query('SELECT count(*)::int AS n FROM partners.partner_credential WHERE partner_id = $1', [partnerId]);
    expect(rows[0].n).toBe(1);
  });
});
