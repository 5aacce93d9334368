/**
 * Options of the process runtime and their validation: every problem is reported with the
 * option's name and the offending value, and a missing shim binary says how to build it.
 */
import { isAbsolute, resolve } from 'node:path';
import { CRI_MAX_LINE_BYTES } from './cri-log.js';
import { DEFAULT_POD_IP_RANGE, parseIpv4Range } from './ipam.js';
import { findShimBinary } from './shim.js';

/** How execSync runs commands: through the C exec server (cheap) or Node's spawn. */
export type ExecSyncMode = 'helper' | 'spawn';

/** Options of `new ProcessRuntime(...)`. */
export interface ProcessRuntimeOptions {
  /** State directory, e.g. `<data-dir>/runtime` (relative paths resolve against the cwd). */
  root: string;
  /** The skiff-shim binary; default `dist/skiff-shim` under the package root. */
  shimPath?: string;
  /** IPv4 CIDR pod IPs come from; default 127.10.0.0/16. */
  podIpRange?: string;
  /** Fallback period of reading the exit notices; default 1000 ms. */
  relistIntervalMs?: number;
  /** Every this many of those periods the shims' liveness is checked too (/proc); default 10. */
  shimCheckEvery?: number;
  /** Working directory for containers whose config sets none; default `/`. */
  defaultWorkingDir?: string;
  /** Default `helper`. */
  execSyncMode?: ExecSyncMode;
  /** Cap on collected execSync stdout and stderr, each; default 16 MiB. */
  execOutputLimitBytes?: number;
  /** Log lines longer than this are split into P pieces; default 16384 (containerd's). */
  maxLogLineBytes?: number;
  /** Delete a container's log file in removeContainer; default false (the kubelet owns logs). */
  removeLogOnRemove?: boolean;
  /** Receives warnings (e.g. a sandbox IP outside podIpRange after a config change). */
  onWarning?: (message: string) => void;
  /**
   * Run each container as PID 1 of its own PID namespace, as in a real container: a shell as
   * PID 1 ignores SIGTERM (the notes' no-sigterm example) and dies only by SIGKILL. Default: on
   * when running as root (it needs CAP_SYS_ADMIN).
   */
  pidNamespace?: boolean;
}

/** Options after validation, with defaults applied. */
export interface ResolvedOptions {
  root: string;
  shimPath: string;
  podIpRange: string;
  relistIntervalMs: number;
  shimCheckEvery: number;
  defaultWorkingDir: string;
  execSyncMode: ExecSyncMode;
  execOutputLimitBytes: number;
  maxLogLineBytes: number;
  removeLogOnRemove: boolean;
  onWarning: (message: string) => void;
  pidNamespace: boolean;
}

function positiveInt(name: string, value: unknown, dflt: number): number {
  if (value === undefined) return dflt;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new Error(`ProcessRuntime: option "${name}" must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Validates options and applies defaults; throws with a precise message on the first problem. */
export function resolveOptions(options: ProcessRuntimeOptions): ResolvedOptions {
  if (!options || typeof options.root !== 'string' || options.root.trim() === '') {
    throw new Error('ProcessRuntime: option "root" is required (the runtime state directory, e.g. <data-dir>/runtime)');
  }
  const podIpRange = options.podIpRange ?? DEFAULT_POD_IP_RANGE;
  if (typeof podIpRange !== 'string') {
    throw new Error(`ProcessRuntime: option "podIpRange" must be a string, got ${JSON.stringify(podIpRange)}`);
  }
  parseIpv4Range(podIpRange);
  const defaultWorkingDir = options.defaultWorkingDir ?? '/';
  if (typeof defaultWorkingDir !== 'string' || !isAbsolute(defaultWorkingDir)) {
    throw new Error(
      `ProcessRuntime: option "defaultWorkingDir" must be an absolute path, got ${JSON.stringify(defaultWorkingDir)}`,
    );
  }
  const execSyncMode = options.execSyncMode ?? 'helper';
  if (execSyncMode !== 'helper' && execSyncMode !== 'spawn') {
    throw new Error(
      `ProcessRuntime: option "execSyncMode" must be "helper" or "spawn", got ${JSON.stringify(execSyncMode)}`,
    );
  }
  if (options.shimPath !== undefined && (typeof options.shimPath !== 'string' || options.shimPath === '')) {
    throw new Error(`ProcessRuntime: option "shimPath" must be a non-empty path, got ${JSON.stringify(options.shimPath)}`);
  }
  const relistIntervalMs = positiveInt('relistIntervalMs', options.relistIntervalMs, 1000);
  const shimCheckEvery = positiveInt('shimCheckEvery', options.shimCheckEvery, 10);
  const execOutputLimitBytes = positiveInt('execOutputLimitBytes', options.execOutputLimitBytes, 16 << 20);
  const maxLogLineBytes = positiveInt('maxLogLineBytes', options.maxLogLineBytes, CRI_MAX_LINE_BYTES);
  return {
    root: resolve(options.root),
    shimPath: findShimBinary(options.shimPath === undefined ? undefined : resolve(options.shimPath)),
    podIpRange,
    relistIntervalMs,
    shimCheckEvery,
    defaultWorkingDir,
    execSyncMode,
    execOutputLimitBytes,
    maxLogLineBytes,
    removeLogOnRemove: options.removeLogOnRemove === true,
    onWarning: options.onWarning ?? ((m) => process.emitWarning(m, 'SkiffProcessRuntime')),
    pidNamespace: options.pidNamespace ?? process.getuid?.() === 0,
  };
}
