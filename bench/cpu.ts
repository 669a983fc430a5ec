import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux almost always; asked once). */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Fields of /proc/<pid>/stat after the command (which may hold spaces), 0-based from field 3. */
function statFields(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // the process ended
  }
}

/** CPU time (user + system) a process has used so far, in milliseconds. */
export function cpuMs(pid: number): number {
  const f = statFields(pid);
  return f ? ((Number(f[11]) + Number(f[12])) * 1000) / TICKS : 0;
}

/** CPU time of each child of a process (a PostgreSQL server's backends) alive now, in milliseconds, by pid. */
export function childrenCpuMs(parent: number): Map<number, number> {
  const times = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(Number(entry));
    if (f && Number(f[1]) === parent) times.set(Number(entry), ((Number(f[11]) + Number(f[12])) * 1000) / TICKS);
  }
  return times;
}

/**
 * CPU the children used between two readings: each child's own difference (new children from zero), so a
 * backend that ended in between is left out (an undercount) rather than subtracted.
 */
export function childrenCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** The postmaster of an embedded server: the first line of postmaster.pid in its data directory. */
export function postmasterPid(dataDirectory: string): number | undefined {
  try {
    return Number(readFileSync(`${dataDirectory}/postmaster.pid`, 'utf8').split('\n')[0]) || undefined;
  } catch {
    return undefined;
  }
}

/** CPU time of a process and of its children alive now (a cluster primary and its workers), in milliseconds. */
export function treeCpuMs(pid: number): number {
  let total = cpuMs(pid);
  for (const ms of childrenCpuMs(pid).values()) total += ms;
  return total;
}
