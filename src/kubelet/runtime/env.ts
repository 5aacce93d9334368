/**
 * The environment a container process (and anything exec'd in it) gets. Like containerd, the
 * runtime supplies HOSTNAME and a default PATH (and HOME) before the container's own entries,
 * so the pod spec can override them; later entries win.
 */

/** The PATH containerd/Docker give a container whose image sets none. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Builds the effective environment, in order, with duplicates resolved (later entries win). */
export function containerEnv(
  configEnv: [string, string][],
  hostname: string,
  home: string = process.env.HOME ?? '/',
): [string, string][] {
  const env = new Map<string, string>([
    ['PATH', DEFAULT_PATH],
    ['HOSTNAME', hostname],
    ['HOME', home],
  ]);
  for (const [name, value] of configEnv) {
    env.delete(name);
    env.set(name, value);
  }
  return [...env];
}

/** Checks environment entries can be passed to a process; returns an error message or undefined. */
export function validateEnv(env: [string, string][]): string | undefined {
  for (const [name, value] of env) {
    if (name === '' || name.includes('=') || name.includes('\0')) {
      return `invalid environment variable name ${JSON.stringify(name)}`;
    }
    if (value.includes('\0')) return `environment variable ${name} contains a NUL byte`;
  }
  return undefined;
}

/** Converts an entry list to the object form child_process expects. */
export function envObject(env: [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of env) out[k] = v;
  return out;
}
