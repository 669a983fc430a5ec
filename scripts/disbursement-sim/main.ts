import { helpOnRequest } from '../cli';
import { startDisbursementSim } from './server';
import { disbursementSimSettings } from './settings';

helpOnRequest(`
usage: node dist/scripts/disbursement-sim/main.js

The simulated disbursement provider (npm start and the test stack start it): KYC lookups and transfers keyed by
the caller's reference on DISBURSEMENT_SIM_PORT (4020). POST /control/accounts {provider, accountNumber,
holderName, holderNik} adds an account for the KYC lookup; POST /control/behaviour {accountNumber, mode: fail |
timeout | twice, times} makes the next transfers to it fail, time out or answer late (DISBURSEMENT_SIM_LATE_MS).
`);

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
