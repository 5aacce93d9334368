/**
 * Exec probes (upstream `pkg/probe/exec` plus the kubelet's exec adapter): run the command in the
 * container through the runtime's `execSync`; exit 0 is success, anything else a failure whose
 * output is the combined stdout+stderr (at most 10 KiB); a timeout is a failure.
 */
import type { Container } from '../../api/types.js';
import type { RuntimeService } from '../runtime/types.js';
import { MAX_PROBE_OUTPUT, outcome, type ProbeOutcome, type ProbeRunner, type ProbeTarget } from './types.js';
import { goQuote } from './util.js';

/** The part of the runtime an exec probe needs. */
export type ExecRuntime = Pick<RuntimeService, 'execSync'>;

/** Runs an `exec` probe; the command is expanded once, when the runner is built. */
export class ExecRunner implements ProbeRunner {
  readonly needsPodIP = false;
  private readonly argv: string[];
  private readonly timeoutMessage: string;

  constructor(
    private readonly runtime: ExecRuntime,
    command: string[],
    container: Container,
  ) {
    this.argv = expandStaticCommand(command, container);
    // The CRI client's wording when ExecSync runs out of time (remote_runtime.go).
    this.timeoutMessage = `command ${goQuote(this.argv.join(' '))} timed out`;
  }

  async run(target: ProbeTarget, timeoutMs: number): Promise<ProbeOutcome> {
    let res;
    try {
      res = await this.runtime.execSync(target.containerId, this.argv, timeoutMs);
    } catch (err) {
      return outcome.error(err instanceof Error ? err.message : String(err));
    }
    if (res.timedOut) return outcome.failure(this.timeoutMessage);
    const out = combinedOutput(res.stdout, res.stderr);
    return res.exitCode === 0 ? outcome.success(out) : outcome.failure(out);
  }
}

/** stdout followed by stderr, cut at 10 KiB, as upstream's limited writer does. */
function combinedOutput(stdout: Buffer, stderr: Buffer): string {
  let buf = stderr.length === 0 ? stdout : stdout.length === 0 ? stderr : Buffer.concat([stdout, stderr]);
  if (buf.length > MAX_PROBE_OUTPUT) buf = buf.subarray(0, MAX_PROBE_OUTPUT);
  return buf.toString('utf8');
}

/**
 * Upstream `ExpandContainerCommandOnlyStatic`: `$(VAR)` references in the probe command are
 * replaced by the container's literal env values (not `valueFrom`); `$$` escapes a dollar;
 * unknown references stay as written.
 */
export function expandStaticCommand(command: string[], container: Container): string[] {
  if (!command.some((c) => c.includes('$'))) return command.slice();
  const vars = new Map<string, string>();
  for (const e of container.env ?? []) if (e.value !== undefined) vars.set(e.name, e.value);
  return command.map((c) => expand(c, vars));
}

function expand(input: string, vars: Map<string, string>): string {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch !== '$' || i + 1 >= input.length) {
      out += ch;
      i++;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) {
        out += input.slice(i); // an incomplete reference is kept as written
        break;
      } else {
        const name = input.slice(i + 2, close);
        out += vars.get(name) ?? `$(${name})`;
        i = close + 1;
      }
    } else {
      out += `$${next}`;
      i += 2;
    }
  }
  return out;
}
