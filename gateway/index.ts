import { log } from '../common/logger';
import { loadGatewayConfig } from './config';
import { createGatewayServer } from './server';

/** Starts the gateway: the one public endpoint of Prakerja Graph. */
function main(): void {
  process.env.SERVICE_NAME ??= 'gateway';
  const config = loadGatewayConfig();
  const { server, close } = createGatewayServer(config);
  server.listen(config.port, () => log.info('gateway listening', { url: `http://localhost:${config.port}/graphql` }));
  const shutdown = () => void close().finally(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main();
