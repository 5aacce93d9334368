/**
 * Errors the process runtime throws, so callers can tell "no such sandbox/container" (CRI's
 * NotFound) from other failures.
 */

/** A sandbox or container id the runtime does not know. */
export class RuntimeNotFoundError extends Error {
  readonly code = 'NotFound';

  constructor(kind: 'sandbox' | 'container', id: string) {
    super(`${kind} "${id}" not found`);
    this.name = 'RuntimeNotFoundError';
  }
}

/** A container could not be started (reported in its status as reason StartError). */
export class ContainerStartError extends Error {
  readonly code = 'StartError';

  constructor(message: string) {
    super(message);
    this.name = 'ContainerStartError';
  }
}
