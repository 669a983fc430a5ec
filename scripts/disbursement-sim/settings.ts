import { envReader } from '../../common/config';

/** The simulated disbursement provider's configuration, read once. */
export function disbursementSimSettings(env = process.env) {
  const read = envReader(env);
  return {
    port: read.int('DISBURSEMENT_SIM_PORT', 4020, 0, 65535),
    /** How long a `timeout` or `twice` answer is held back: longer than the caller's PARTICIPANTS_DISBURSEMENT_TIMEOUT_MS. */
    lateMs: read.int('DISBURSEMENT_SIM_LATE_MS', 8_000, 0, 600_000),
  };
}
export type DisbursementSimSettings = ReturnType<typeof disbursementSimSettings>;
