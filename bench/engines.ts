import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ANONYMOUS, signInternalRequest } from '../common/identity';
import { loadGatewayConfig } from '../gateway/config';
import { createGatewayServer } from '../gateway/server';
import { loadSupergraph } from '../gateway/supergraph';

/**
 * The two gateway engines under test, each served by its own child process (`node engines.js <engine> <port>`)
 * so that neither shares an event loop with the load generator or with the other engine.
 */
export type Engine = 'hive' | 'apollo';

/** Our gateway exactly as deployed: node:http front, authentication, Hive Gateway runtime, signed upstream. */
async function serveHive(port: number): Promise<() => Promise<void>> {
  const { server, close } = createGatewayServer(loadGatewayConfig({ ...process.env, GATEWAY_PORT: String(port) }));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return async () => void (await close());
}

/**
 * @apollo/gateway + @apollo/server over the same committed supergraph (URLs rewritten the same way), signing
 * every subgraph request as gateway/plugins/sign-upstream.ts does, with the anonymous identity.
 */
async function serveApollo(port: number): Promise<() => Promise<void>> {
  const config = loadGatewayConfig(process.env);
  const secret = config.signingSecret;
  const gateway = new ApolloGateway({
    supergraphSdl: loadSupergraph(config.subgraphUrls),
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest({ request }) {
          // The exact bytes RemoteGraphQLDataSource.sendRequest will post: `query` first, then the rest, minus `http`.
          const { http, query, ...rest } = request;
          const body = JSON.stringify({ query, ...rest });
          for (const [key, value] of Object.entries(signInternalRequest(secret, ANONYMOUS, body))) http!.headers.set(key, value);
        },
      }),
  });
  const server = new ApolloServer({ gateway });
  await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
  return () => server.stop();
}

if (require.main === module) {
  const [engine, port] = [process.argv[2] as Engine, Number(process.argv[3])];
  (engine === 'hive' ? serveHive : serveApollo)(port).then(
    (stop) => {
      process.send?.('ready');
      process.once('SIGTERM', () => void stop().finally(() => process.exit(0)));
    },
    (error: unknown) => {
      // @apollo/gateway refuses supergraphs that use @authenticated / @requiresScopes; the parent reports why.
      process.send?.(`failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
