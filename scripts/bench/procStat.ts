// What a process has cost so far, read from Linux's /proc (as `ps` and `top` do): CPU time and
// resident memory of processes the bench did not start itself (a cluster's nodes, PostgreSQL,
// Redis, HAProxy), which cannot answer process.cpuUsage() for it. Linux only; NaN elsewhere.
import { readFileSync } from 'node:fs';
import { descendants } from '../cluster/service.js';

/** USER_HZ: the unit of /proc's CPU times (100 on every Linux build Node supports). */
const TICK_MS = 10;
const PAGE_BYTES = 4096;

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces), or null. */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // gone since it was listed
  }
}

// Positions in statFields: field n of proc(5) is at n - 3.
const [UTIME, STIME, CUTIME, CSTIME, RSS] = [11, 12, 13, 14, 21];

/** CPU ms (user + system) spent by these processes so far; a process gone counts nothing. */
export function cpuMsOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const f = statFields(pid);
    if (f) ticks += Number(f[UTIME]) + Number(f[STIME]);
  }
  return ticks * TICK_MS;
}

/**
 * CPU ms spent so far by a process, every process below it, and those below it that have exited
 * (their time is added to the parent's cutime/cstime when it reaps them). For PostgreSQL's
 * postmaster: one backend per connection, started and ended as the nodes' pools open and close
 * them, and its background workers (WAL writer, checkpointer, autovacuum).
 */
export function treeCpuMs(pid: number): number {
  const f = statFields(pid);
  if (!f) return NaN;
  const reaped = (Number(f[CUTIME]) + Number(f[CSTIME])) * TICK_MS;
  return cpuMsOf([pid, ...descendants(pid)]) + reaped;
}

/** Resident memory of these processes now, in bytes. */
export function rssOf(pids: number[]): number {
  let pages = 0;
  for (const pid of pids) pages += Number(statFields(pid)?.[RSS] ?? 0);
  return pages * PAGE_BYTES;
}

/** CPU ms spent so far by every process on the machine (user + nice + system). */
export function machineCpuMs(): number {
  try {
    const [, user, nice, system] = readFileSync('/proc/stat', 'utf8').split(/\s+/, 4).map(Number);
    return (user! + nice! + system!) * TICK_MS;
  } catch {
    return NaN;
  }
}
