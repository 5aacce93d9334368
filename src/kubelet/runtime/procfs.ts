/**
 * Process liveness checks through /proc, guarded against pid reuse: a pid only counts as the
 * process we recorded when its start time (field 22 of /proc/<pid>/stat) still matches.
 */
import { readFileSync } from 'node:fs';

/** The parts of /proc/<pid>/stat the runtime needs. */
export interface ProcStat {
  /** One-letter state: R, S, D, Z (zombie), T, ... */
  state: string;
  /** Start time in clock ticks since boot. */
  startTime: number;
  pgrp: number;
  session: number;
}

/** Reads /proc/<pid>/stat, or undefined when there is no such process. */
export function readProcStat(pid: number): ProcStat | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may itself contain spaces or ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const startTime = Number(fields[19]);
  if (!Number.isFinite(startTime)) return undefined;
  return { state: fields[0], pgrp: Number(fields[2]), session: Number(fields[3]), startTime };
}

/**
 * Whether `pid` is the live (non-zombie) process recorded with `startTime`; with no start time
 * recorded, any live process with that pid counts.
 */
export function isProcessAlive(pid: number, startTime?: number): boolean {
  const st = readProcStat(pid);
  if (!st || st.state === 'Z' || st.state === 'X') return false;
  return startTime === undefined || startTime === 0 || st.startTime === startTime;
}

function send(target: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(target, signal);
    return true;
  } catch {
    return false;
  }
}

/** Sends a signal to one process; false when it no longer exists. */
export function signalProcess(pid: number, signal: NodeJS.Signals): boolean {
  return Number.isInteger(pid) && pid > 1 && send(pid, signal);
}

/** Sends a signal to a whole process group; false when the group no longer exists. */
export function killProcessGroup(pgid: number, signal: NodeJS.Signals): boolean {
  return Number.isInteger(pgid) && pgid > 1 && send(-pgid, signal);
}
