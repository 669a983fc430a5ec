import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { log } from '../../common/logger';
import { main, runSubgraph } from '../../common/subgraph-main';
import { loadConfig, type ParticipantsConfig } from './config';
import { PersonalDataRecorder } from './access-log/access-log.recorder';
import { createLoaders } from './context';
import { appendOnlyTables, createParticipantsOrm } from './orm';
import { buildParticipantsSchema } from './schema';
import { revokeLapsedCards, sweepExpiredHolds } from './wallet/wallet.service';

/** Runs `job` now and then every `seconds`, never two runs at once; failures are logged and retried next time. */
function every(name: string, seconds: number, job: () => Promise<number>): () => void {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    job()
      .then((n) => n && log.info(`${name}: ${n} done`))
      .catch((error: unknown) => log.error(`${name} failed`, { error: String(error) }))
      .finally(() => (running = false));
  };
  run();
  const timer = setInterval(run, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

function jobs(config: ParticipantsConfig) {
  return (orm: MikroORM) => [
    every('hold expiry sweep', config.holdSweepIntervalSeconds, () => sweepExpiredHolds(orm.em.fork())),
    every('card revocation', config.revocationIntervalSeconds, () => revokeLapsedCards(orm.em.fork())),
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
