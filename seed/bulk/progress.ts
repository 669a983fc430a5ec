/**
 * A progress bar on stderr, so that stdout stays the seed's result. On a terminal it redraws one line; in a
 * log (CI, a pipe) it writes a line at each quarter instead of thousands of carriage returns.
 */
export interface Progress {
  /** Names what is being written now (shown after the bar). */
  phase(name: string): void;
  /** The total, once it is known (a plan decides how many rows follow the first table). */
  setTotal(total: number): void;
  advance(by: number): void;
  done(): void;
}

const WIDTH = 30;

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let count = 0;
  let lastDrawn = -1;
  let current = '';
  const line = () => {
    const share = total ? Math.min(1, count / total) : 1;
    const filled = Math.round(share * WIDTH);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    return `${label.padEnd(14)} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${count.toLocaleString('en')}/${total.toLocaleString('en')} ${seconds} s ${current}`.padEnd(
      100,
    );
  };
  const draw = (final: boolean) => {
    if (stream.isTTY) {
      const percent = total ? Math.floor((count / total) * 100) : 100;
      if (percent !== lastDrawn || final) stream.write(`\r${line()}${final ? '\n' : ''}`);
      lastDrawn = percent;
    } else {
      const quarter = total ? Math.floor((count / total) * 4) : 4;
      if (quarter !== lastDrawn || final) {
        if (quarter !== lastDrawn) stream.write(`${line().trimEnd()}\n`);
        lastDrawn = quarter;
      }
    }
  };
  return {
    phase(name) {
      current = name;
    },
    setTotal(value) {
      total = value;
    },
    advance(by) {
      count += by;
      draw(false);
    },
    done() {
      count = Math.max(count, total);
      draw(true);
    },
  };
}

/** For rows that are not worth showing (a staging table). */
export const NO_PROGRESS: Progress = { phase: () => undefined, setTotal: () => undefined, advance: () => undefined, done: () => undefined };

/**
 * Wall time of each phase of each lane (the two schemas load side by side, each on its own connection): a
 * lane's phase ends when the lane enters its next one, or at `summary`.
 */
export function phaseTimes() {
  const lanes = new Map<string, { current?: { name: string; since: number }; done: Array<[string, number]> }>();
  const close = (lane: { current?: { name: string; since: number }; done: Array<[string, number]> }, at: number) => {
    if (lane.current) lane.done.push([lane.current.name, at - lane.current.since]);
    lane.current = undefined;
  };
  return {
    enter(laneName: string, phase: string) {
      const lane = lanes.get(laneName) ?? { done: [] };
      lanes.set(laneName, lane);
      const now = Date.now();
      close(lane, now);
      lane.current = { name: phase, since: now };
    },
    /** One line per lane: `participants: participants 5.6 s, plan 2.1 s, …`. */
    summary(): string {
      const now = Date.now();
      for (const lane of lanes.values()) close(lane, now);
      return [...lanes]
        .map(([name, lane]) => `${name}: ${lane.done.map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`).join(', ')}`)
        .join('\n');
    },
  };
}
export type PhaseTimes = ReturnType<typeof phaseTimes>;

/** The bar, with each phase this lane enters also timed in `times`. */
export const inLane = (progress: Progress, times: PhaseTimes, lane: string): Progress => ({
  ...progress,
  phase(name) {
    times.enter(lane, name);
    progress.phase(name);
  },
});
