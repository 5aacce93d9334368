/**
 * Exec in a container's context (environment, working directory) as a child of the runtime's
 * process: collected (execSync fallback) or streamed (kubectl exec). Each command runs in its
 * own process group so a timeout or abort kills everything it started. With `tty`, the command
 * runs on a pseudo-terminal through util-linux `script`, when that is installed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readlinkSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import { constants as osConstants } from 'node:os';
import { envObject } from './env.js';
import { killProcessGroup } from './procfs.js';
import type { ExecStreams, ExecSyncResult } from './types.js';

/** Where and how a command runs. */
export interface ExecContext {
  env: [string, string][];
  cwd: string;
}

/** A running command: its result and a way to kill it. */
export interface ExecHandle<T> {
  result: Promise<T>;
  kill(): void;
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
};

function findExecutable(path: string): string | undefined {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return 'EISDIR';
    return (st.mode & 0o111) !== 0 ? undefined : 'EACCES';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? 'ENOENT';
  }
}

/**
 * Resolves a command like runc does (Go's exec.LookPath against the container's PATH), with the
 * same messages as the shim: `exec: "foo": executable file not found in $PATH`.
 */
export function resolveExecutable(
  file: string,
  ctx: ExecContext,
): { path: string } | { error: string; exitCode: 126 | 127 } {
  if (file.includes('/')) {
    const code = findExecutable(resolvePath(ctx.cwd, file));
    if (!code) return { path: file };
    const text = ERRNO_TEXT[code] ?? code.toLowerCase();
    const missing = code === 'ENOENT' || code === 'ENOTDIR';
    return {
      error: missing ? `exec: "${file}": stat ${file}: ${text}` : `exec: "${file}": ${text}`,
      exitCode: code === 'ENOENT' ? 127 : 126,
    };
  }
  const pathVar = ctx.env.filter(([k]) => k === 'PATH').pop()?.[1] ?? '';
  for (const dir of pathVar === '' ? [] : pathVar.split(':')) {
    const candidate = join(dir === '' ? '.' : dir, file);
    const abs = isAbsolute(candidate) ? candidate : resolvePath(ctx.cwd, candidate);
    if (!findExecutable(abs)) return { path: candidate };
  }
  return { error: `exec: "${file}": executable file not found in $PATH`, exitCode: 127 };
}

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const n = signal ? osConstants.signals[signal] : undefined;
  return n ? 128 + n : 255;
}

/** The error exec reports when the command cannot be started, phrased like runc's. */
export function execStartError(message: string): Error {
  return new Error(`exec failed: unable to start container process: ${message}`);
}

/** Runs a command and collects its output, killing its process group after `timeoutMs` (0: never). */
export function spawnExecSync(
  argv: string[],
  ctx: ExecContext,
  timeoutMs: number,
  maxOutputBytes: number,
): ExecHandle<ExecSyncResult> {
  const resolved = resolveExecutable(argv[0], ctx);
  if ('error' in resolved) {
    return { result: Promise.reject(execStartError(resolved.error)), kill: () => undefined };
  }
  const child = spawn(resolved.path, argv.slice(1), {
    argv0: argv[0],
    cwd: ctx.cwd,
    env: envObject(ctx.env),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kill = (): void => {
    if (child.pid) killProcessGroup(child.pid, 'SIGKILL');
  };
  const result = new Promise<ExecSyncResult>((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outLen = 0;
    let errLen = 0;
    let timedOut = false;
    child.stdout?.on('data', (b: Buffer) => {
      if (outLen < maxOutputBytes) out.push(b.subarray(0, maxOutputBytes - outLen));
      outLen += b.length;
    });
    child.stderr?.on('data', (b: Buffer) => {
      if (errLen < maxOutputBytes) err.push(b.subarray(0, maxOutputBytes - errLen));
      errLen += b.length;
    });
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            kill();
          }, timeoutMs)
        : undefined;
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(execStartError(e.message));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        exitCode: exitCodeOf(code, signal),
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err),
        timedOut,
      });
    });
  });
  return { result, kill };
}

let scriptPath: string | null | undefined;

/** util-linux `script` on the runtime's own PATH (cached), used to get a pseudo-terminal. */
export function findScript(): string | undefined {
  if (scriptPath === undefined) {
    const r = resolveExecutable('script', { env: [['PATH', process.env.PATH ?? '']], cwd: '/' });
    scriptPath = 'path' in r ? r.path : null;
  }
  return scriptPath ?? undefined;
}

/** Quotes a word for /bin/sh. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The children of a process (needs /proc/<pid>/task/<pid>/children). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'latin1')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** Applies terminal size changes to the pty of the command running under `script`. */
function watchResize(scriptPid: number, emitter: NonNullable<ExecStreams['resize']>): () => void {
  let latest: { width: number; height: number } | undefined;
  let timer: NodeJS.Timeout | undefined;
  const apply = (attempt: number): void => {
    timer = undefined;
    const size = latest;
    if (!size) return;
    const [child] = childrenOf(scriptPid);
    let tty: string | undefined;
    try {
      tty = child ? readlinkSync(`/proc/${child}/fd/0`) : undefined;
    } catch {
      tty = undefined;
    }
    if (!tty?.startsWith('/dev/pts/')) {
      if (attempt < 40) timer = setTimeout(() => apply(attempt + 1), 25);
      return;
    }
    const stty = spawn('stty', ['-F', tty, 'cols', String(size.width), 'rows', String(size.height)], {
      stdio: 'ignore',
    });
    stty.on('error', () => undefined);
  };
  const onResize = (size: unknown): void => {
    const s = size as { width?: unknown; height?: unknown } | undefined;
    if (typeof s?.width !== 'number' || typeof s.height !== 'number') return;
    latest = { width: s.width, height: s.height };
    if (!timer) apply(0);
  };
  emitter.on('resize', onResize);
  return () => {
    emitter.off('resize', onResize);
    clearTimeout(timer);
  };
}

/** The first terminal size the client sends, if it comes within `ms` (kubectl sends it at once). */
function firstSize(emitter: ExecStreams['resize'], ms: number): Promise<{ width: number; height: number } | undefined> {
  if (!emitter) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const done = (size: { width: number; height: number } | undefined): void => {
      clearTimeout(timer);
      emitter.off('resize', onResize);
      resolve(size);
    };
    const onResize = (size: unknown): void => {
      const s = size as { width?: unknown; height?: unknown } | undefined;
      if (typeof s?.width === 'number' && typeof s.height === 'number') done({ width: s.width, height: s.height });
    };
    const timer = setTimeout(() => done(undefined), ms);
    emitter.on('resize', onResize);
  });
}

/**
 * Runs a command with live streams and resolves with its exit code (128+n when killed by
 * signal n). Resize events (`'resize'`, `{ width, height }`) apply to the pty when `tty` is set;
 * the first one sizes the terminal before the command starts, as a container runtime does.
 */
export function streamExec(argv: string[], ctx: ExecContext, streams: ExecStreams): ExecHandle<number> {
  const resolved = resolveExecutable(argv[0], ctx);
  if ('error' in resolved) {
    return { result: Promise.reject(execStartError(resolved.error)), kill: () => undefined };
  }
  const script = streams.tty ? findScript() : undefined;
  let child: ChildProcess | undefined;
  let killed = false;
  const kill = (): void => {
    killed = true;
    if (!child?.pid) return;
    // Under script the command leads its own session; kill that group too.
    for (const c of script ? childrenOf(child.pid) : []) killProcessGroup(c, 'SIGKILL');
    killProcessGroup(child.pid, 'SIGKILL');
  };
  const start = async (): Promise<ChildProcess> => {
    const env = envObject(ctx.env);
    const stdio: ['pipe' | 'ignore', 'pipe', 'pipe'] = [streams.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'];
    if (!script) return spawn(resolved.path, argv.slice(1), { argv0: argv[0], cwd: ctx.cwd, env, detached: true, stdio });
    const size = await firstSize(streams.resize, 200);
    // script runs `$SHELL -c CMD` on a new pty; size it, then restore the container's own SHELL.
    const stty = size ? `stty cols ${size.width} rows ${size.height} 2>/dev/null; ` : '';
    const restore = env.SHELL !== undefined ? `SHELL=${shellQuote(env.SHELL)}; export SHELL; ` : 'unset SHELL; ';
    const cmd = `${stty}${restore}exec ${argv.map(shellQuote).join(' ')}`;
    const scriptEnv = { TERM: 'xterm', ...env, SHELL: '/bin/sh' };
    return spawn(script, ['-qfec', cmd, '/dev/null'], { cwd: ctx.cwd, env: scriptEnv, detached: true, stdio });
  };
  const result = start().then(
    (c) =>
      new Promise<number>((resolve, reject) => {
        child = c;
        const stopResize = script && streams.resize && c.pid ? watchResize(c.pid, streams.resize) : undefined;
        const onAbort = (): void => kill();
        streams.signal?.addEventListener('abort', onAbort, { once: true });
        if (streams.signal?.aborted || killed) kill();
        if (streams.stdin && c.stdin) {
          c.stdin.on('error', () => undefined);
          streams.stdin.pipe(c.stdin);
        }
        if (streams.stdout) c.stdout?.pipe(streams.stdout, { end: false });
        else c.stdout?.resume();
        if (streams.stderr) c.stderr?.pipe(streams.stderr, { end: false });
        else c.stderr?.resume();
        const cleanup = (): void => {
          stopResize?.();
          streams.signal?.removeEventListener('abort', onAbort);
          if (streams.stdin && c.stdin) streams.stdin.unpipe(c.stdin);
        };
        c.on('error', (e) => {
          cleanup();
          reject(execStartError(e.message));
        });
        c.on('close', (code, signal) => {
          cleanup();
          resolve(exitCodeOf(code, signal));
        });
      }),
  );
  return { result, kill };
}
