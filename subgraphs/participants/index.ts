import { startTelemetry } from '../../common/telemetry';
startTelemetry('participants', { instrument: true }); // before any other import: it patches http and pg as they load
import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { everyInterval } from '../../common/jobs';
import { main, runSubgraph } from '../../common/subgraph-main';
import { loadConfig, type ParticipantsConfig } from './config';
import { PersonalDataRecorder } from './access-log/access-log.recorder';
import { createLoaders } from './context';
import { appendOnlyTables, createParticipantsOrm } from './orm';
import { buildParticipantsSchema } from './schema';
import { revokeLapsedCards, sweepExpiredHolds } from './wallet/wallet.service';

function jobs(config: ParticipantsConfig) {
  return (orm: MikroORM) => [
    everyInterval('hold expiry sweep', config.holdSweepIntervalSeconds * 1000, (signal) => sweepExpiredHolds(orm.em.fork(), signal)),
    everyInterval('card revocation', config.revocationIntervalSeconds * 1000, (signal) => revokeLapsedCards(orm.em.fork(), signal)),
  ];
}

/** Starts the participants subgraph: registration and NIK checks, eligibility, cohorts and selection, cards, wallets, inbox. */
export function startParticipants(config = loadConfig()) {
  return runSubgraph({
    name: 'participants',
    port: config.port,
    database: config.database,
    appendOnlyTables,
    createOrm: createParticipantsOrm,
    buildSchema: buildParticipantsSchema,
    context: (base) => ({ ...base, loaders: createLoaders(base.em), personalData: new PersonalDataRecorder(base.identity), config }),
    // Access records are written before the response leaves: no record, no data.
    afterRequest: (ctx) => ctx.personalData.flush(ctx.em.fork()),
    jobs: jobs(config),
  });
}

if (require.main === module) main(startParticipants);
