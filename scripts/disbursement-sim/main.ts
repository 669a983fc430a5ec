import { startDisbursementSim } from './server';
import { disbursementSimSettings } from './settings';

/** Entry of the simulated disbursement provider's process (npm start and the test stack run it beside the subgraphs). */
startDisbursementSim(disbursementSimSettings())
  .then(({ server, url }) => {
    console.log(`simulated disbursement provider at ${url}`);
    const stop = () => {
      server.close(() => process.exit(0));
      server.closeAllConnections(); // answers held back (timeout, twice) would keep it open
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
