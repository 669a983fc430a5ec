import { envReader } from '../common/config';
import { startDevOidcProvider } from './dev-oidc/provider';
import { devOidcSettings, GRAPH_SCOPE, WEB_CLIENT_ID } from './dev-oidc/settings';
import { startWebServer } from './web-server';

/** The development OpenID provider and the web client's server, one process beside the stack. */
async function main(): Promise<void> {
  const read = envReader();
  const oidc = devOidcSettings();
  const provider = await startDevOidcProvider(oidc);
  const web = await startWebServer({
    port: read.int('WEB_PORT', 5173, 0, 65535),
    config: {
      gatewayUrl: read.string('WEB_GATEWAY_URL', 'http://localhost:4000/graphql'),
      authority: oidc.issuer,
      clientId: WEB_CLIENT_ID,
      scope: `openid profile ${GRAPH_SCOPE}`,
    },
  });
  console.log(`web client at ${web.url} (sign-in: development OpenID provider at ${provider.url})`);
  const stop = () => {
    web.server.close();
    provider.server.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
