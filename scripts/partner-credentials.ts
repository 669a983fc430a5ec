import { issueDevToken } from '../common/dev-token';
import { gatewayUrlFromEnv, helpOnRequest } from './cli';

/*
 * Issues development credentials to a seeded partner platform through the running gateway, as the
 * programme office would, and prints the client id and signing key (shown once: the server keeps it
 * encrypted and never shows it again). It starts nothing.
 *
 *   npm run partner-credentials -- --partner tokopedia
 *   npm run partner-credentials -- --partner belajar-bareng --sandbox   (test cards only)
 *   GATEWAY_URL=http://localhost:4000/graphql node dist/scripts/partner-credentials.js --partner skill-academy
 */

const USAGE = `
usage: npm run partner-credentials -- --partner <slug> [--sandbox]   (for example tokopedia, skill-academy, bukalapak)

--sandbox issues SANDBOX credentials (test cards only; from the MoU on), for example for belajar-bareng.

Issues development credentials to a seeded partner platform through the running gateway (GATEWAY_URL, else
http://localhost:$GATEWAY_PORT/graphql, port 4000) and prints the client id and the signing key, shown once.
`;

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function graphql<T>(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await response.json().catch(() => ({}))) as { data?: T; errors?: Array<{ message: string }> };
  if (!json.data || json.errors?.length) throw new Error(`${response.status}: ${JSON.stringify(json.errors ?? json)}`);
  return json.data;
}

async function main(): Promise<void> {
  helpOnRequest(USAGE);
  const slug = argument('partner');
  if (!slug) {
    console.error(USAGE.trim());
    process.exit(2);
  }
  const url = gatewayUrlFromEnv();
  const token = await issueDevToken({ role: 'admin', sub: 'dev-partner-credentials', expiresIn: 300 });
  const found = await graphql<{ partnerBySlug: { id: string; status: string; name: string } | null }>(
    url,
    token,
    `
      query ($slug: String!) {
        partnerBySlug(slug: $slug) {
          id
          name
          status
        }
      }
    `,
    { slug },
  );
  if (!found.partnerBySlug) throw new Error(`no partner with slug "${slug}" (run npm run seed first?)`);
  const issued = await graphql<{
    partnerCredentialIssue: {
      credential: { id: string; clientId: string } | null;
      signingKey: string | null;
      userErrors: Array<{ code: string; message: string }>;
    };
  }>(
    url,
    token,
    `
      mutation ($input: PartnerCredentialIssueInput!) {
        partnerCredentialIssue(input: $input) {
          credential {
            id
            clientId
          }
          signingKey
          userErrors {
            code
            message
          }
        }
      }
    `,
    { input: { partnerId: found.partnerBySlug.id, environment: process.argv.includes('--sandbox') ? 'SANDBOX' : 'PRODUCTION' } },
  );
  const payload = issued.partnerCredentialIssue;
  if (payload.userErrors.length || !payload.credential || !payload.signingKey)
    throw new Error(`refused: ${JSON.stringify(payload.userErrors)}`);
  console.log(`partner:      ${found.partnerBySlug.name} (${found.partnerBySlug.status})`);
  console.log(`clientId:     ${payload.credential.clientId}`);
  console.log(`signingKey:   ${payload.signingKey}`);
  console.log('The signing key is shown only this once. Try it:');
  console.log(
    `  node dist/scripts/partner-client.js --url ${url} --client-id ${payload.credential.clientId} --key ${payload.signingKey} --document PartnerCatalog --variables '{"first":5}'`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
