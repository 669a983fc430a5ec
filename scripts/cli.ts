import { envReader } from '../common/config';

/**
 * With `--help` or `-h` anywhere in the arguments, prints the script's usage and exits 0 before it does
 * anything (no database, no build of state); otherwise returns.
 */
export function helpOnRequest(usage: string, argv = process.argv.slice(2)): void {
  if (!argv.includes('--help') && !argv.includes('-h')) return;
  console.log(usage.trim());
  process.exit(0);
}

/** The gateway the developer scripts talk to: GATEWAY_URL, else localhost on GATEWAY_PORT (4000), as `npm start` serves it. */
export function gatewayUrlFromEnv(env = process.env): string {
  return envReader(env).optional('GATEWAY_URL') ?? `http://localhost:${envReader(env).int('GATEWAY_PORT', 4000, 1, 65535)}/graphql`;
}
