import { envReader } from '../../common/config';
import { subgraphDatabaseOf } from '../../common/database-roles';
import { subgraphPort, subgraphUrl } from '../../common/topology';

/** The participants subgraph's configuration, read and validated once at start-up. */
export function loadConfig(env = process.env) {
  const read = envReader(env);
  const production = env.NODE_ENV === 'production';
  return {
    port: subgraphPort('participants', env),
    /** Its serving role (`PARTICIPANTS_DATABASE_URL`) and its schema owner for migrations (`PARTICIPANTS_MIGRATION_DATABASE_URL`). */
    database: subgraphDatabaseOf('participants', env),
    /** Default days after selection to buy a first course (cohortOpen may override per cohort). */
    purchaseWindowDays: read.int('PARTICIPANTS_PURCHASE_WINDOW_DAYS', 15, 1, 365),
    /** Default training balance credited per selected participant, in rupiah. */
    trainingBalance: read.int('PARTICIPANTS_TRAINING_BALANCE', 3_500_000, 1, 1_000_000_000),
    /** How often expired holds are released in bulk (they are also expired lazily on every hold placement). */
    holdSweepIntervalSeconds: read.int('PARTICIPANTS_HOLD_SWEEP_INTERVAL_SECONDS', 60, 1, 86_400),
    /** How often cards past their purchase deadline without a purchase are revoked. */
    revocationIntervalSeconds: read.int('PARTICIPANTS_REVOCATION_INTERVAL_SECONDS', 300, 1, 86_400),
    /** The courses subgraph, whose event feed (purchases, attendance, completions) becomes notifications. */
    coursesUrl: subgraphUrl('courses', env),
    /** How often the courses feed is polled when it has nothing new (a backlog is read at once). */
    notificationPollIntervalMs: read.int('PARTICIPANTS_NOTIFICATION_POLL_INTERVAL_MS', 1_000, 50, 3_600_000),
    /** Events read per page of the courses feed. */
    notificationBatchSize: read.int('PARTICIPANTS_NOTIFICATION_BATCH_SIZE', 500, 1, 5_000),
    /** Days before an active card's purchase deadline at which its holder is reminded (once per card). */
    deadlineReminderDays: read.int('PARTICIPANTS_DEADLINE_REMINDER_DAYS', 3, 1, 60),
    /** How often the deadline reminder job looks for cards that entered the reminder window. */
    deadlineReminderIntervalSeconds: read.int('PARTICIPANTS_DEADLINE_REMINDER_INTERVAL_SECONDS', 3_600, 1, 86_400),
    /** How often notifications not yet confirmed by the channel are handed to it. */
    channelIntervalSeconds: read.int('PARTICIPANTS_NOTIFICATION_CHANNEL_INTERVAL_SECONDS', 5, 1, 3_600),
    /** Default post-training incentive of a new cohort, in rupiah (Rp600,000 under the 2023 scheme; cohortOpen may override). */
    incentiveAmount: read.int('PARTICIPANTS_INCENTIVE_AMOUNT', 600_000, 1, 100_000_000),
    /** Default rupiah paid for each survey answered (cohortOpen may override; 0 pays nothing). */
    surveyAmount: read.int('PARTICIPANTS_SURVEY_AMOUNT', 50_000, 0, 10_000_000),
    /** The disbursement provider (KYC lookups, transfers); `npm start` and the tests run scripts/disbursement-sim there. */
    disbursementUrl: production
      ? read.string('PARTICIPANTS_DISBURSEMENT_URL')
      : read.string('PARTICIPANTS_DISBURSEMENT_URL', 'http://127.0.0.1:4020'),
    /** How long the provider may take to answer before the attempt counts as timed out (and is retried with the same reference). */
    disbursementTimeoutMs: read.int('PARTICIPANTS_DISBURSEMENT_TIMEOUT_MS', 5_000, 50, 120_000),
    /** How often due payouts are looked for and sent. */
    payoutIntervalMs: read.int('PARTICIPANTS_PAYOUT_INTERVAL_MS', 5_000, 50, 3_600_000),
    /** Payouts one run of the sender claims. */
    payoutBatchSize: read.int('PARTICIPANTS_PAYOUT_BATCH_SIZE', 50, 1, 1_000),
    /** Attempts before a payout is FAILED (then only the office's payoutRetry sends it again). */
    payoutMaxAttempts: read.int('PARTICIPANTS_PAYOUT_MAX_ATTEMPTS', 5, 1, 50),
    /** Retry backoff: the first retry after the base, doubling up to the max. */
    payoutRetryBaseMs: read.int('PARTICIPANTS_PAYOUT_RETRY_BASE_MS', 30_000, 10, 86_400_000),
    payoutRetryMaxMs: read.int('PARTICIPANTS_PAYOUT_RETRY_MAX_MS', 3_600_000, 10, 86_400_000),
  };
}
export type ParticipantsConfig = ReturnType<typeof loadConfig>;
