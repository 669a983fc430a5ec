import { parseArgs } from 'node:util';
import { issueDevToken } from '../common/dev-token';
import { helpOnRequest } from './cli';
import { signWithDevProviderKey } from './dev-oidc/keys';
import { devOidcSettings, GRAPH_AUDIENCE } from './dev-oidc/settings';

const USAGE = `
usage: npm run token -- --role admin|analyst|participant|partnerStaff [--sub ID] [--partner ID] [--hours 12] [--hs256]

Prints a development JWT to send as authorization: Bearer <token>, signed with the development OpenID
provider's key (what npm start's gateway trusts), or with --hs256 by JWT_SECRET (.data/dev-secrets.json). A
participant token needs --sub <participant id>, a partnerStaff token (a platform's staff: webhook settings
and delivery log) --partner <partner id>; --hours is its lifetime (up to 720).
`;

/** `npm run token -- --role admin` or `-- --role participant --sub <participant id>`: prints a development JWT. */
async function main(): Promise<void> {
  helpOnRequest(USAGE);
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      hours: { type: 'string' },
      partner: { type: 'string' },
      hs256: { type: 'boolean' },
    },
  });
  const role = values.role;
  if (role !== 'admin' && role !== 'analyst' && role !== 'participant' && role !== 'partnerStaff') {
    throw new Error(USAGE.trim());
  }
  if (role === 'participant' && !values.sub) throw new Error('a participant token needs --sub <participant id>');
  if (role === 'partnerStaff' && !values.partner) throw new Error('a partnerStaff token needs --partner <partner id>');
  const hours = Number(values.hours ?? 12);
  if (!(hours > 0 && hours <= 24 * 30)) throw new Error('--hours must be between 0 and 720');
  const claims = { role, sub: values.sub ?? `dev-${role}`, expiresIn: Math.round(hours * 3600), partnerId: values.partner } as const;
  // npm start's gateway trusts the development OpenID provider's keys; --hs256 signs for a gateway on JWT_SECRET.
  const viaProvider = values.hs256 ? undefined : await signWithDevProviderKey(claims, devOidcSettings(), GRAPH_AUDIENCE);
  console.log(viaProvider ?? (await issueDevToken(claims)));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(2);
});
