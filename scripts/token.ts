import { parseArgs } from 'node:util';
import { issueDevToken } from '../common/dev-token';
import { helpOnRequest } from './cli';

const USAGE = `
usage: npm run token -- --role admin|analyst|participant [--sub ID] [--hours 12]

Prints a development JWT (HS256, signed with the secret in .data/dev-secrets.json or JWT_SECRET) to send as
authorization: Bearer <token>. A participant token needs --sub <participant id>; --hours is its lifetime (up to 720).
`;

/** `npm run token -- --role admin` or `-- --role participant --sub <participant id>`: prints a development JWT. */
async function main(): Promise<void> {
  helpOnRequest(USAGE);
  const { values } = parseArgs({ options: { role: { type: 'string' }, sub: { type: 'string' }, hours: { type: 'string' } } });
  const role = values.role;
  if (role !== 'admin' && role !== 'analyst' && role !== 'participant') {
    throw new Error(USAGE.trim());
  }
  if (role === 'participant' && !values.sub) throw new Error('a participant token needs --sub <participant id>');
  const hours = Number(values.hours ?? 12);
  if (!(hours > 0 && hours <= 24 * 30)) throw new Error('--hours must be between 0 and 720');
  console.log(await issueDevToken({ role, sub: values.sub ?? `dev-${role}`, expiresIn: Math.round(hours * 3600) }));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(2);
});
