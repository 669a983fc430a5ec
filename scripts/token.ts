import { parseArgs } from 'node:util';
import { issueDevToken } from '../common/dev-token';
import { signWithDevProviderKey } from './dev-oidc/keys';
import { devOidcSettings, GRAPH_AUDIENCE } from './dev-oidc/settings';

/** `npm run token -- --role admin` or `-- --role participant --sub <participant id>`: prints a development JWT. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, sub: { type: 'string' }, hours: { type: 'string' }, hs256: { type: 'boolean' } },
  });
  const role = values.role;
  if (role !== 'admin' && role !== 'analyst' && role !== 'participant') {
    throw new Error('usage: npm run token -- --role admin|analyst|participant [--sub ID] [--hours 12]');
  }
  if (role === 'participant' && !values.sub) throw new Error('a participant token needs --sub <participant id>');
  const hours = Number(values.hours ?? 12);
  if (!(hours > 0 && hours <= 24 * 30)) throw new Error('--hours must be between 0 and 720');
  const claims = { role, sub: values.sub ?? `dev-${role}`, expiresIn: Math.round(hours * 3600) } as const;
  // npm start's gateway trusts the development OpenID provider's keys; --hs256 signs for a gateway on JWT_SECRET.
  const viaProvider = values.hs256 ? undefined : await signWithDevProviderKey(claims, devOidcSettings(), GRAPH_AUDIENCE);
  console.log(viaProvider ?? (await issueDevToken(claims)));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(2);
});
