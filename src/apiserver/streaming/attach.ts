/**
 * Attach: the same session shapes as exec (see exec.ts) bound to the container's main process
 * through `NodeConnection.attach`, when the node agent offers it.
 */
import * as errors from '../../api/errors.js';
import type { NodeConnection } from '../nodeproxy.js';
import type { CommandStarter, RemoteCommandOptions } from './exec.js';

/** The starter for an attach session; 400 when the node agent cannot attach. */
export function attachStarter(conn: NodeConnection, namespace: string, pod: string, opts: RemoteCommandOptions): CommandStarter {
  const attach = conn.attach?.bind(conn);
  if (!attach) throw errors.badRequest(`attach is not supported by the node agent running pod ${pod}`);
  return (io) =>
    attach({ namespace, pod, container: opts.container, stdin: opts.stdin, stdout: opts.stdout, stderr: opts.stderr, tty: opts.tty }, io);
}

