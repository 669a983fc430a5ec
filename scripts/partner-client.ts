import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gatewayUrlFromEnv, helpOnRequest } from './cli';

/*
 * A minimal partner client: signs a contract document exactly as the partner contract requires and sends it
 * to the gateway. It doubles as the reference implementation of the signature for platform engineers.
 *
 *   node dist/scripts/partner-client.js --client-id pk_tokopedia_... --key <signingKey> \
 *     --document CheckEligibility --variables '{"cardNumber":"5123456789012346"}' [--url http://localhost:4000/graphql]
 *
 * Without --url it sends to GATEWAY_URL, else to localhost on GATEWAY_PORT (4000).
 * --document names a file of schema/operations/partner (CheckEligibility, PartnerCatalog, StartPurchase,
 * AuthorizePurchase, PurchaseStatus, VoidPurchase, ReportAttendance, ReportCompletion, PartnerEnrollments)
 * or is a path to any .graphql file. Prints the HTTP status and the JSON answer; exits 1 unless HTTP 200.
 */

/** x-signature: lowercase hex HMAC-SHA256(signingKey, clientId + timestamp + "POST" + path + rawBody). */
export function signPartnerRequest(signingKey: string, clientId: string, timestamp: string, path: string, rawBody: string): string {
  return createHmac('sha256', signingKey)
    .update(clientId + timestamp + 'POST' + path + rawBody)
    .digest('hex');
}

/** Sends one signed request; the body is serialised once and those exact bytes are signed and sent. */
export async function sendPartnerRequest(options: {
  url: string;
  clientId: string;
  signingKey: string;
  query: string;
  variables: Record<string, unknown>;
}) {
  const rawBody = JSON.stringify({ query: options.query, variables: options.variables });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(options.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-client-id': options.clientId,
      'x-timestamp': timestamp,
      'x-signature': signPartnerRequest(options.signingKey, options.clientId, timestamp, new URL(options.url).pathname, rawBody),
    },
    body: rawBody,
  });
  return { status: response.status, body: await response.text() };
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const USAGE = `
usage: node dist/scripts/partner-client.js --client-id <id> --key <signingKey> --document <Name|file.graphql> [--variables '<json>'] [--url <gateway>]

Signs a partner-contract document as a platform would and sends it to the gateway; prints the HTTP status and
the JSON answer, exits 1 unless HTTP 200.
  --document   a document of schema/operations/partner (CheckEligibility, PartnerCatalog, StartPurchase,
               AuthorizePurchase, PurchaseStatus, VoidPurchase, ReportAttendance, ReportCompletion,
               PartnerEnrollments) or the path of a .graphql file
  --client-id, --key   the credential (or PARTNER_CLIENT_ID, PARTNER_SIGNING_KEY); npm run partner-credentials issues one
  --url        the gateway; default GATEWAY_URL, else http://localhost:$GATEWAY_PORT/graphql (port 4000)
`;

async function main(): Promise<void> {
  helpOnRequest(USAGE);
  const clientId = argument('client-id') ?? process.env.PARTNER_CLIENT_ID;
  const signingKey = argument('key') ?? process.env.PARTNER_SIGNING_KEY;
  const document = argument('document');
  if (!clientId || !signingKey || !document) {
    console.error(USAGE.trim());
    process.exit(2);
  }
  // dist/scripts/ → the project root holds schema/operations/partner.
  const file = document.endsWith('.graphql')
    ? resolve(document)
    : resolve(__dirname, '../../schema/operations/partner', `${document}.graphql`);
  const query = readFileSync(file, 'utf8');
  const variables = JSON.parse(argument('variables') ?? '{}') as Record<string, unknown>;
  const url = argument('url') ?? gatewayUrlFromEnv();
  const { status, body } = await sendPartnerRequest({ url, clientId, signingKey, query, variables });
  console.log(`HTTP ${status}`);
  try {
    console.log(JSON.stringify(JSON.parse(body), null, 2));
  } catch {
    console.log(body);
  }
  if (status !== 200) process.exit(1);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
