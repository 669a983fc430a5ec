import { startTelemetry } from '../../common/telemetry';
startTelemetry('courses', { instrument: true }); // before any other import: it patches http and pg as they load
import 'reflect-metadata';
import { main, runSubgraph } from '../../common/subgraph-main';
import { loadConfig } from './config';
import { createLoaders, type CoursesServices } from './context';
import { appendOnlyTables, createCoursesOrm } from './orm';
import { InboxNotifier } from './purchase/notifier';
import { reconcilerJob } from './purchase/reconciler';
import { offeringWithdrawalJob } from './offering/withdrawal';
import { cardRevocationJob } from './purchase/card-revocation';
import { ParticipantsClient } from './shared/participants.client';
import { buildCoursesSchema } from './schema';
import { PartnersClient } from './shared/partners.client';

/** Starts the courses subgraph: catalogue and curation, offerings, purchases, enrollments. */
export function startCourses(config = loadConfig()) {
  const participants = new ParticipantsClient(config.participantsUrl);
  const partners = new PartnersClient(config.partnersUrl);
  const services: CoursesServices = { config, participants, partners, notifier: new InboxNotifier(participants) };
  return runSubgraph({
    name: 'courses',
    port: config.port,
    database: config.database,
    appendOnlyTables,
    createOrm: createCoursesOrm,
    buildSchema: buildCoursesSchema,
    context: (base) => ({ ...base, loaders: createLoaders(base.em), services }),
    jobs: (orm) => [
      reconcilerJob(orm, services),
      offeringWithdrawalJob(orm, config.partnersUrl, config.partnerFeedPollMs),
      cardRevocationJob(orm, config.participantsUrl, config.participantFeedPollMs),
    ],
  });
}

if (require.main === module) main(startCourses);
