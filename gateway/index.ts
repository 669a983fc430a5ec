import { startTelemetry, stopTelemetry } from '../common/telemetry';
startTelemetry('gateway', { instrument: false }); // before any other import, as in every entry point
import { log } from '../common/logger';
import { startMetricsServer } from '../common/metrics';
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
  // Metrics on their own port: the GraphQL port is public.
  const metrics = config.metricsPort === undefined ? undefined : startMetricsServer('gateway', config.metricsPort);
  metrics?.catch((error: unknown) => {
    log.error('failed to start', { error: String(error) });
    process.exit(1);
  });
  // Exit 0 when every request in flight finished within SHUTDOWN_GRACE_MS, 1 when some were cut off.
  onTerminationSignal(async () => {
    const { cutOff } = await close();
    await (await metrics)?.close();
    await stopTelemetry();
    return cutOff ? 1 : 0;
  });
}

main();
