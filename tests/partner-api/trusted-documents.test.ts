import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { post, raw } from '../security/support';
import { gatewayUrl, tokenFor } from '../support/client';
import { CONTRACT_DOCUMENTS } from '../contract/documents';
import { partnerRequest, partnerWithCredential, queryText, sign, type PartnerCredential } from '../support/partner';

/*
 * Partners are held to the contract's nine documents, recognised by the hash of their normalised text; the
 * same documents sent with no credentials are partner operations called unauthenticated (401).
 */

const VARS = { cardNumber: '1234' };

let partner: PartnerCredential;
beforeAll(async () => {
  partner = await partnerWithCredential();
});

describe('the contract documents at the gateway', () => {
  it('answers each contract document sent with no partner headers with a top-level UNAUTHENTICATED and HTTP 401', async () => {
    for (const name of CONTRACT_DOCUMENTS) {
      const res = await post(queryText(name), { cardNumber: '1234', invoiceCode: 'X', first: 1 });
      expect([name, res.status]).toEqual([name, 401]);
      expect(res.json.data).toBeUndefined();
      expect(res.json.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(res.json.errors?.[0].message).toBe('Partner operations must be signed (x-client-id, x-timestamp, x-signature)');
    }
  });

  it('accepts a contract document in another layout: whitespace, commas and comments do not count', async () => {
    const oneLine = queryText('CheckEligibility')
      .replace(/#.*\n/g, '')
      .replace(/\s+/g, ' ')
      .replace('eligible reasons', 'eligible, reasons');
    const res = await partnerRequest(partner, oneLine, VARS);
    expect(res.status).toBe(200);
    expect(res.data!.eligibility.reasons[0].code).toBe('INVALID_CARD_NUMBER');
  });

  it('refuses a signed document outside the contract before anything runs, even a contract document with one field more', async () => {
    const extraField = queryText('CheckEligibility').replace('eligible', 'eligible __typename');
    for (const query of [
      '{ cohorts(first: 5) { edges { node { id name } } } }',
      extraField,
      'query CheckEligibility { __schema { types { name } } }',
    ]) {
      const res = await partnerRequest(partner, query, VARS);
      expect(res.status).toBe(403);
      expect(res.data).toBeUndefined();
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['OPERATION_NOT_IN_CONTRACT']);
      expect(res.errors?.[0].message).toMatch(
        /^Partner platforms may send only the contract's documents \(AuthorizePurchase, CheckEligibility/,
      );
    }
  });

  it('refuses a signed persisted-query hash in place of the text, and an APQ-style registration registers nothing', async () => {
    const signed = (payload: object) => {
      const body = JSON.stringify(payload);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const headers = {
        'content-type': 'application/json',
        'x-client-id': partner.clientId,
        'x-timestamp': timestamp,
        'x-signature': sign(partner.signingKey, partner.clientId, timestamp, body),
      };
      return raw(gatewayUrl(), { headers, body });
    };
    const adHoc = '{ cohorts(first: 1) { totalCount } }';
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(adHoc).digest('hex') };
    const hashOnly = async () => {
      const res = await signed({ extensions: { persistedQuery }, variables: VARS });
      expect(res.json.data).toBeUndefined();
      expect(res.status).toBe(400);
      expect(res.json.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
        ['PERSISTED_DOCUMENT_NOT_FOUND', 'No persisted document has this hash'],
      ]);
    };
    await hashOnly();
    const registration = await signed({ query: adHoc, extensions: { persistedQuery } });
    // Refused before the contract check: no text is ever registered beside a hash, whoever sends it.
    expect(registration.status).toBe(400);
    expect(registration.json.errors?.[0].extensions?.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
    expect(registration.json.data).toBeUndefined();
    await hashOnly(); // still unknown
    // A hash the web client knows is resolved, then held to the contract like any text.
    const webDocuments = JSON.parse(readFileSync(resolve(__dirname, '../../web/src/gql/persisted-documents.json'), 'utf8')) as Record<
      string,
      string
    >;
    const webHash = Object.keys(webDocuments)[0].replace(/^sha256:/, '');
    const webDocument = await signed({ extensions: { persistedQuery: { version: 1, sha256Hash: webHash } }, variables: {} });
    expect(webDocument.status).toBe(403);
    expect(webDocument.json.errors?.[0].extensions?.code).toBe('OPERATION_NOT_IN_CONTRACT');
  });

  it('leaves the office free to send a contract document with its token (the subgraph decides)', async () => {
    const admin = { authorization: `Bearer ${await tokenFor('admin', 'trusted-documents-admin')}` };
    const res = await post(queryText('CheckEligibility'), VARS, admin);
    expect(res.status).toBe(200);
    expect(res.json.data?.eligibility.reasons[0].code).toBe('INVALID_CARD_NUMBER');
  });
});
