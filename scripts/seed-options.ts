import type { YearShape } from '../seed/bulk/plan';
import type { SeedOptions } from './seeding';

const SHARES: Record<string, keyof YearShape> = {
  '--apply-share': 'applyShare',
  '--selected-share': 'selectedShare',
  '--purchase-share': 'purchaseShare',
  '--second-purchase-share': 'secondPurchaseShare',
  '--void-share': 'voidShare',
  '--completion-share': 'completionShare',
};

/** `--participants N` and the year's knobs; undefined without --participants. Refuses what is not a number in range. */
export function bulkOptions(argv: string[]): SeedOptions['bulk'] {
  const value = (flag: string): string | undefined => {
    const at = argv.indexOf(flag);
    if (at < 0) return undefined;
    if (at + 1 >= argv.length) throw new Error(`${flag} needs a value`);
    return argv[at + 1];
  };
  const whole = (flag: string, min: number, max: number): number | undefined => {
    const raw = value(flag);
    if (raw === undefined) return undefined;
    const n = Number(raw.replaceAll('_', ''));
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} must be a whole number from ${min} to ${max}`);
    return n;
  };
  const participants = whole('--participants', 1, 20_000_000);
  const shape: Partial<YearShape> = {};
  const cohorts = whole('--cohorts', 1, 100);
  if (cohorts !== undefined) shape.cohorts = cohorts;
  const coursesPerCard = whole('--courses-per-card', 1, 10);
  if (coursesPerCard !== undefined) shape.coursesPerCard = coursesPerCard;
  for (const [flag, key] of Object.entries(SHARES)) {
    const raw = value(flag);
    if (raw === undefined) continue;
    const share = Number(raw);
    if (!Number.isFinite(share) || share < 0 || share > 1) throw new Error(`${flag} must be a share from 0 to 1`);
    shape[key] = share;
  }
  if (participants === undefined) {
    if (Object.keys(shape).length) throw new Error('the year knobs need --participants N');
    return undefined;
  }
  return { participants, shape };
}
