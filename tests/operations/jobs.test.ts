const { everyInterval } = require('../../dist/common/jobs') as typeof import('../../common/jobs');

/* The one background-job loop (hold sweep, card revocation, reconciler): no overlap, failures survive, stop waits. */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('everyInterval', () => {
  beforeAll(() => (process.env.PRAKERJA_LOG_LEVEL = 'silent'));

  it('runs at once and then on every tick, never two runs at once, and a failing run does not end the job', async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    const job = everyInterval('test job', 20, async () => {
      runs++;
      if (running++) overlapped = true;
      await sleep(70); // longer than the interval: the ticks meanwhile must be skipped
      running--;
      if (runs === 1) throw new Error('first run fails');
      return 1;
    });
    await sleep(0);
    expect(runs).toBe(1); // the first run starts at once, not after the first interval
    await sleep(400);
    await job.stop();
    expect(overlapped).toBe(false);
    expect(runs).toBeGreaterThanOrEqual(3); // it went on after the failure
    expect(runs).toBeLessThanOrEqual(7); // about one run per 70 ms, not one per 20 ms tick
  });

  it('stop() aborts the signal of the run in progress and resolves only once that run has finished; no run starts after it', async () => {
    const steps: string[] = [];
    let runs = 0;
    const job = everyInterval('test job', 10, async (signal) => {
      runs++;
      for (let step = 0; step < 50 && !signal.aborted; step++) {
        await sleep(10);
        steps.push(`step ${step}`);
      }
      await sleep(50); // the unit's own end (a commit, say) still happens after the abort
      steps.push('unit finished');
    });
    await sleep(35);
    const stopping = job.stop();
    steps.push('stop called');
    await stopping;
    steps.push('stop resolved');
    const runsAtStop = runs;
    await sleep(60);
    expect(runs).toBe(runsAtStop);
    expect(runs).toBe(1);
    expect(steps.slice(-3)).toEqual([expect.stringMatching(/^step \d$/), 'unit finished', 'stop resolved']);
    expect(steps.indexOf('stop called')).toBeLessThan(steps.indexOf('unit finished'));
    expect(steps.filter((s) => s.startsWith('step')).length).toBeLessThan(6);
  });
});
