/**
 * Locating and launching `skiff-shim run`, the small C supervisor that owns one container
 * process. The shim is spawned detached (its own session), so it and its container survive a
 * restart of skiff; it answers on its stdout with one line, `ok <pid>` or `err <message>`,
 * then closes it, which is how startContainer learns the process is running.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExecHelper } from './exec-helper.js';
import { readProcStat } from './procfs.js';
import type { StartedRecord } from './state.js';

/** Finds the package root (the nearest directory with a package.json above this module). */
function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The default shim location: `dist/skiff-shim` under the package root. */
export function defaultShimPath(): string {
  return join(packageRoot() ?? process.cwd(), 'dist', 'skiff-shim');
}

/**
 * Resolves and checks the shim binary (explicit path or the default); throws an error telling
 * the operator to build it when it is missing or not executable.
 */
export function findShimBinary(explicit?: string): string {
  const path = explicit ?? defaultShimPath();
  try {
    accessSync(path, constants.X_OK);
  } catch {
    const what = existsSync(path) ? 'is not executable' : 'not found';
    throw new Error(
      `skiff-shim binary ${what} at ${path}: run \`npm run build\` (or \`node scripts/build-shim.mjs\`) to compile native/skiff-shim.c`,
    );
  }
  return path;
}

/** Everything one `skiff-shim run` needs. */
export interface ShimLaunch {
  shimPath: string;
  id: string;
  stateDir: string;
  exitsDir: string;
  logPath: string;
  cwd: string;
  argv: string[];
  env: Record<string, string>;
  maxLineBytes: number;
  /** Run the container as PID 1 of its own PID namespace (container signal semantics; needs root). */
  pidNamespace: boolean;
  /** The shim starts its own session and logs to its shim.log (launch via the exec helper). */
  daemon?: boolean;
}

/**
 * The shim's answer: the container runs (pid, and the record the shim wrote to started.json,
 * when the line carries a valid one) or could not be started (message).
 */
export type ShimHandshake = { ok: true; pid: number; started?: StartedRecord } | { ok: false; message: string };

/** A launched shim: its pid and start time right away, its handshake later. */
export interface LaunchedShim {
  shimPid: number;
  shimStartTime: number;
  handshake: Promise<ShimHandshake>;
}

/** The command line of `skiff-shim run` (documented in native/skiff-shim.c). */
export function shimArgs(l: ShimLaunch): string[] {
  return [
    'run',
    '--id', l.id,
    '--state-dir', l.stateDir,
    '--exits-dir', l.exitsDir,
    '--log', l.logPath,
    '--cwd', l.cwd,
    '--max-line', String(l.maxLineBytes),
    ...(l.pidNamespace ? ['--pid-ns'] : []),
    ...(l.daemon ? ['--daemon'] : []),
    '--',
    ...l.argv,
  ];
}

/** Parses the shim's handshake line. */
export function parseHandshake(text: string, fallback: string): ShimHandshake {
  const line = text.split('\n')[0] ?? '';
  if (line.startsWith('ok ')) {
    const rest = line.slice(3);
    const sp = rest.indexOf(' ');
    const pid = Number(sp < 0 ? rest : rest.slice(0, sp));
    let started: StartedRecord | undefined;
    try {
      if (sp >= 0) started = JSON.parse(rest.slice(sp + 1)) as StartedRecord;
    } catch {
      // Not a record: the pid alone will do (the runtime reads started.json).
    }
    return started?.pid === pid ? { ok: true, pid, started } : { ok: true, pid };
  }
  if (line.startsWith('err ')) return { ok: false, message: line.slice(4) };
  return { ok: false, message: fallback };
}

/**
 * Launches a shim through the exec helper (a small C process), whose forked child becomes the
 * shim: forking Node's large heap from the event loop costs milliseconds per container.
 * The helper starts a few shims per CPU at a time, in order, so of many containers started
 * together the first are running early rather than all late.
 */
export async function launchShimWithHelper(helper: ExecHelper, l: ShimLaunch): Promise<ShimHandshake> {
  const r = await helper.run({
    kind: 'shim',
    argv: [l.shimPath, ...shimArgs({ ...l, daemon: true })],
    env: Object.entries(l.env),
    cwd: '/',
    timeoutMs: 60_000,
    maxOutputBytes: 64 * 1024,
  }).result;
  if (r.startError) return { ok: false, message: `starting skiff-shim failed: ${r.startError}` };
  const hs = parseHandshake(r.stdout.toString('utf8'), '');
  if (hs.ok || hs.message) return hs;
  // No handshake line: the shim's own log says why.
  const diag = lastLines(join(l.stateDir, 'shim.log'));
  return { ok: false, message: diag ? `skiff-shim exited before starting the container: ${diag}` : 'skiff-shim exited before starting the container' };
}

function lastLines(path: string, max = 500): string {
  try {
    const text = readFileSync(path, 'utf8').trim();
    return text.slice(-max);
  } catch {
    return '';
  }
}

/** Spawns a detached shim whose stderr goes to `<stateDir>/shim.log`. */
export function launchShim(l: ShimLaunch): LaunchedShim {
  const shimLog = join(l.stateDir, 'shim.log');
  const logFd = openSync(shimLog, 'a');
  let child: ChildProcess;
  try {
    child = spawn(l.shimPath, shimArgs(l), {
      detached: true,
      stdio: ['ignore', 'pipe', logFd],
      env: l.env,
      cwd: '/',
    });
  } finally {
    closeSync(logFd);
  }
  const shimPid = child.pid ?? 0;
  const shimStartTime = readProcStat(shimPid)?.startTime ?? 0;
  const handshake = new Promise<ShimHandshake>((resolve) => {
    let out = '';
    let settled = false;
    const finish = (fallback: string): void => {
      if (settled) return;
      settled = true;
      child.unref();
      const diag = lastLines(shimLog);
      resolve(parseHandshake(out, diag ? `${fallback}: ${diag}` : fallback));
    };
    child.on('error', (err) => finish(`starting skiff-shim failed: ${err.message}`));
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
    });
    child.stdout?.on('end', () => finish('skiff-shim exited before starting the container'));
    child.stdout?.on('error', () => finish('skiff-shim handshake failed'));
  });
  return { shimPid, shimStartTime, handshake };
}
