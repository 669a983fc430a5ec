import { log } from '../common/logger';
import { onTerminationSignal } from '../common/shutdown';
import { loadGatewayConfig } from './config';
import { createGatewayServer } from './server';

/** Starts the gateway: the one public endpoint of Prakerja Graph. */
function main(): void {
  process.env.SERVICE_NAME ??= 'gateway';
  const config = loadGatewayConfig();
  const { server, close } = createGatewayServer(config);
  server.once('error', (error: NodeJS.ErrnoException) => {
    const inUse = error.code === 'EADDRINUSE' ? `port ${config.port} is in use: another gateway (npm start?) is running` : String(error);
    log.error('failed to start', { error: inUse });
    process.exit(1);
  });
  server.listen(config.port, () => log.info('gateway listening', { url: `http://localhost:${config.port}/graphql` }));
  // Exit 0 when every request in flight finished within SHUTDOWN_GRACE_MS, 1 when some were cut off.
  onTerminationSignal(async () => ((await close()).cutOff ? 1 : 0));
}

main();
