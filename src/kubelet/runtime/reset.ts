/**
 * Stops every container a process runtime root holds, by the pids its state records (checked
 * against their /proc start times): each container's process group and its shim. Used by
 * `skiff reset` and by tests to leave nothing running.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive, killProcessGroup } from './procfs.js';
import type { ShimRecord, StartedRecord } from './state.js';

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** SIGKILLs every container and shim recorded under `root`; returns how many containers were running. */
export function killAllContainers(root: string): number {
  const containers = join(root, 'containers');
  let ids: string[];
  try {
    ids = readdirSync(containers);
  } catch {
    return 0;
  }
  let killed = 0;
  for (const id of ids) {
    const started = readJson<StartedRecord>(join(containers, id, 'started.json'));
    const shim = readJson<ShimRecord>(join(containers, id, 'shim.json'));
    if (started && isProcessAlive(started.pid, started.pidStartTime)) {
      killProcessGroup(started.pid, 'SIGKILL');
      killed++;
    }
    for (const [pid, st] of [
      [started?.shimPid, started?.shimStartTime],
      [shim?.shimPid, shim?.shimStartTime],
    ] as const) {
      if (pid && isProcessAlive(pid, st)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  }
  return killed;
}
