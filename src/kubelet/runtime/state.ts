/**
 * The process runtime's on-disk state, which is what lets a restarted skiff re-adopt its
 * containers. Layout under the root directory:
 *
 *   sandboxes/<id>/sandbox.json     SandboxRecord (runtime-written)
 *   containers/<id>/config.json     ContainerRecord (runtime-written at create)
 *   containers/<id>/shim.json       ShimRecord (runtime-written after spawning a shim itself;
 *                                   a shim launched through the exec helper is in started.json)
 *   containers/<id>/started.json    StartedRecord (shim-written once the exec succeeded)
 *   containers/<id>/exit.json       ExitRecord (shim-written; runtime-written if the shim died)
 *   containers/<id>/shim.log        the shim's own diagnostics
 *   exits/<id>                      empty file: "container <id> exited, not yet processed"
 *
 * Every JSON file is replaced atomically (temp file + rename). New sandboxes and containers are
 * written through the runtime's exec helper when it has one (see StateDir's constructor).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContainerConfig, PodSandboxConfig, SandboxState } from './types.js';

/** A pod sandbox as persisted. */
export interface SandboxRecord {
  id: string;
  config: PodSandboxConfig;
  ip: string;
  createdAt: number;
  state: SandboxState;
}

/** A container as persisted at create time, with its effective environment and working dir. */
export interface ContainerRecord {
  id: string;
  sandboxId: string;
  podUid: string;
  createdAt: number;
  config: ContainerConfig;
  /** The environment the process gets: runtime defaults, then the config's entries. */
  env: [string, string][];
  workingDir: string;
}

/** The shim process supervising a container. */
export interface ShimRecord {
  shimPid: number;
  shimStartTime: number;
  spawnedAt: number;
}

/** Written by the shim once the container process runs. */
export interface StartedRecord {
  pid: number;
  pidStartTime: number;
  shimPid: number;
  shimStartTime: number;
  /** Nanoseconds since the epoch, as a decimal string. */
  startedAtNs: string;
  startedAt: string;
}

/** Written by the shim when the container process has exited (or could not be started). */
export interface ExitRecord {
  pid: number;
  exitCode: number;
  signal: number;
  /** Nanoseconds since the epoch, as a decimal string. */
  finishedAtNs: string;
  finishedAt: string;
  /** Set when exec failed (not found: exit 127, other: 126); the container never ran. */
  startError?: string;
  /** Set by the runtime when it had to record the exit itself (the shim was gone). */
  message?: string;
}

let idPool = Buffer.alloc(0);
let idOffset = 0;

/** A new sandbox or container id: 64 hex digits, like containerd's (random bytes drawn 4 KiB at a time). */
export function newId(): string {
  if (idOffset + 32 > idPool.length) {
    idPool = randomBytes(4096);
    idOffset = 0;
  }
  idOffset += 32;
  return idPool.toString('hex', idOffset - 32, idOffset);
}

/** containerd's exit code when the real one is unknown (the shim went away). */
export const UNKNOWN_EXIT_CODE = 255;

/** An exit record the runtime writes itself (the shim could not): `fields` override the defaults. */
export function syntheticExit(pid: number, fields: Partial<ExitRecord>): ExitRecord {
  const ms = Date.now();
  return {
    pid,
    exitCode: UNKNOWN_EXIT_CODE,
    signal: 0,
    finishedAtNs: (BigInt(ms) * 1_000_000n).toString(),
    finishedAt: new Date(ms).toISOString(),
    ...fields,
  };
}

/** Reads a JSON file, or undefined when it is absent or unreadable. */
export function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** One step of persisting state: a directory (parents too), or a whole file written atomically. */
export type FileOp = { mkdir: string } | { write: string; data: string };

/** Applies file steps in order, on this thread. */
export function applyFileOps(ops: readonly FileOp[]): void {
  for (const op of ops) {
    if ('mkdir' in op) mkdirSync(op.mkdir, { recursive: true });
    else {
      const tmp = `${op.write}.tmp-${process.pid}`;
      writeFileSync(tmp, op.data);
      renameSync(tmp, op.write);
    }
  }
}

/** Writes a JSON file atomically: a temp file in the same directory, then rename. */
export function writeJsonAtomic(path: string, value: unknown): void {
  applyFileOps([jsonFile(path, value)]);
}

function jsonFile(path: string, value: unknown): FileOp {
  return { write: path, data: `${JSON.stringify(value)}\n` };
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => !n.startsWith('.'));
  } catch {
    return [];
  }
}

/** Paths and typed accessors for the runtime's state directory. */
export class StateDir {
  readonly sandboxesDir: string;
  readonly containersDir: string;
  readonly exitsDir: string;

  /**
   * `files` persists new sandboxes and containers: by default here, synchronously (a few
   * metadata operations, cheaper than the thread-pool round trips of the promise API, whose
   * shared queue would also make many starting pods advance in lockstep); the runtime passes its
   * exec helper, which does them in its own process, off this event loop.
   */
  constructor(
    readonly root: string,
    private readonly files: (ops: readonly FileOp[]) => Promise<void> | void = applyFileOps,
  ) {
    this.sandboxesDir = join(root, 'sandboxes');
    this.containersDir = join(root, 'containers');
    this.exitsDir = join(root, 'exits');
  }

  /** Creates the directory skeleton. */
  ensure(): void {
    for (const d of [this.root, this.sandboxesDir, this.containersDir, this.exitsDir]) {
      mkdirSync(d, { recursive: true });
    }
  }

  sandboxDir(id: string): string {
    return join(this.sandboxesDir, id);
  }

  containerDir(id: string): string {
    return join(this.containersDir, id);
  }

  /** Persists a changed sandbox record (synchronously, as the other rare writes here). */
  writeSandbox(rec: SandboxRecord): void {
    writeJsonAtomic(join(this.sandboxDir(rec.id), 'sandbox.json'), rec);
  }

  /** Persists a new sandbox, creating its directory and `dirs` (its log directory) first. */
  async createSandbox(rec: SandboxRecord, dirs: string[] = []): Promise<void> {
    const dir = this.sandboxDir(rec.id);
    const ops: FileOp[] = dirs.map((d) => ({ mkdir: d }));
    ops.push({ mkdir: dir }, jsonFile(join(dir, 'sandbox.json'), rec));
    await this.files(ops);
  }

  /** All persisted sandboxes; directories without a readable sandbox.json are skipped. */
  readSandboxes(): SandboxRecord[] {
    const out: SandboxRecord[] = [];
    for (const id of listDir(this.sandboxesDir)) {
      const rec = readJson<SandboxRecord>(join(this.sandboxDir(id), 'sandbox.json'));
      if (rec && rec.id === id) out.push(rec);
    }
    return out;
  }

  async removeSandbox(id: string): Promise<void> {
    await rm(this.sandboxDir(id), { recursive: true, force: true });
  }

  /** Persists a new container's record (creating its directory). */
  async writeContainer(rec: ContainerRecord): Promise<void> {
    const dir = this.containerDir(rec.id);
    await this.files([{ mkdir: dir }, jsonFile(join(dir, 'config.json'), rec)]);
  }

  /** All persisted containers; directories without a readable config.json are skipped. */
  readContainers(): ContainerRecord[] {
    const out: ContainerRecord[] = [];
    for (const id of listDir(this.containersDir)) {
      const rec = readJson<ContainerRecord>(join(this.containerDir(id), 'config.json'));
      if (rec && rec.id === id) out.push(rec);
    }
    return out;
  }

  async removeContainer(id: string): Promise<void> {
    await rm(this.containerDir(id), { recursive: true, force: true });
    this.removeExitNotice(id);
  }

  writeShim(id: string, rec: ShimRecord): void {
    writeJsonAtomic(join(this.containerDir(id), 'shim.json'), rec);
  }

  readShim(id: string): ShimRecord | undefined {
    return readJson<ShimRecord>(join(this.containerDir(id), 'shim.json'));
  }

  readStarted(id: string): StartedRecord | undefined {
    return readJson<StartedRecord>(join(this.containerDir(id), 'started.json'));
  }

  readExit(id: string): ExitRecord | undefined {
    return readJson<ExitRecord>(join(this.containerDir(id), 'exit.json'));
  }

  writeExit(id: string, rec: ExitRecord): void {
    writeJsonAtomic(join(this.containerDir(id), 'exit.json'), rec);
  }

  /** Container ids with an unprocessed exit notice in exits/. */
  listExitNotices(): string[] {
    return listDir(this.exitsDir);
  }

  removeExitNotice(id: string): void {
    rmSync(join(this.exitsDir, id), { force: true });
  }
}
