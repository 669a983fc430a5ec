import { startTelemetry } from '../../common/telemetry';
startTelemetry('participants', { instrument: true }); // before any other import: it patches http and pg as they load
import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { everyInterval } from '../../common/jobs';
import { main, runSubgraph } from '../../common/subgraph-main';
import { loadConfig, type ParticipantsConfig } from './config';
import { PersonalDataRecorder } from './access-log/access-log.recorder';
import { caseForPurpose, caseNumberOfPurpose } from './complaint/complaint.service';
import { InboxChannel, deliverToChannel, type NotificationChannel } from './inbox/channel';
import { courseEventsJob } from './inbox/course-events';
import { remindPurchaseDeadlines } from './inbox/reminder';
import { createLoaders } from './context';
import { HttpDisbursementProvider, type DisbursementProvider } from './payout/disbursement-provider';
import { sendDuePayouts } from './payout/payout-sender';
import { appendOnlyTables, createParticipantsOrm } from './orm';
import { buildParticipantsSchema } from './schema';
import { revokeLapsedCards, sweepExpiredHolds } from './wallet/wallet.service';

function jobs(config: ParticipantsConfig, channel: NotificationChannel, disbursement: DisbursementProvider) {
  // A claim outlives the provider's timeout, so no other instance sends the payout while an answer may still come.
  const sender = {
    batchSize: config.payoutBatchSize,
    leaseMs: 2 * config.disbursementTimeoutMs + 5_000,
    maxAttempts: config.payoutMaxAttempts,
    retryBaseMs: config.payoutRetryBaseMs,
    retryMaxMs: config.payoutRetryMaxMs,
  };
  return (orm: MikroORM) => [
    everyInterval('hold expiry sweep', config.holdSweepIntervalSeconds * 1000, (signal) => sweepExpiredHolds(orm.em.fork(), signal)),
    everyInterval('card revocation', config.revocationIntervalSeconds * 1000, (signal) => revokeLapsedCards(orm.em.fork(), signal)),
    everyInterval('purchase deadline reminders', config.deadlineReminderIntervalSeconds * 1000, () =>
      remindPurchaseDeadlines(orm.em.fork(), config.deadlineReminderDays),
    ),
    everyInterval('notification channel', config.channelIntervalSeconds * 1000, (signal) =>
      deliverToChannel(orm.em.fork(), channel, signal),
    ),
    everyInterval('payouts', config.payoutIntervalMs, (signal) => sendDuePayouts(orm.em.fork(), disbursement, sender, signal)),
    courseEventsJob(orm, config.coursesUrl, config.notificationPollIntervalMs, config.notificationBatchSize),
  ];
}

/**
 * Starts the participants subgraph: registration and NIK checks, eligibility, cohorts and selection, cards, wallets,
 * inbox and notifications (handed on through `channel`; the in-app inbox alone by default), complaints, and the
 * incentive's payouts through `disbursement` (the provider at PARTICIPANTS_DISBURSEMENT_URL by default).
 */
export function startParticipants(
  config = loadConfig(),
  channel: NotificationChannel = new InboxChannel(),
  disbursement: DisbursementProvider = new HttpDisbursementProvider(config.disbursementUrl, config.disbursementTimeoutMs),
) {
  return runSubgraph({
    name: 'participants',
    port: config.port,
    database: config.database,
    appendOnlyTables,
    createOrm: createParticipantsOrm,
    buildSchema: buildParticipantsSchema,
    context: async (base) => {
      // A purpose that names a complaint case is checked against it on every read (access-log.recorder.ts).
      const number = caseNumberOfPurpose(base.identity.purpose);
      const complaint = number ? { number, case: await caseForPurpose(base.em, number) } : undefined;
      return {
        ...base,
        loaders: createLoaders(base.em),
        personalData: new PersonalDataRecorder(base.identity, complaint),
        config,
        disbursement,
      };
    },
    // Access records are written before the response leaves: no record, no data.
    afterRequest: (ctx) => ctx.personalData.flush(ctx.em.fork()),
    jobs: jobs(config, channel, disbursement),
  });
}

if (require.main === module) main(startParticipants);
