/**
 * Where skiff's own files are: the package root (found from this module, whether it runs from
 * the tsc output under dist/src or from the dist/skiff.mjs bundle) and the build outputs in dist/.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'bin', 'skiff.js'))) return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find skiff's package root above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** A build output: `dist/<name>` under the package root. */
export function distFile(name: string): string {
  return join(packageRoot(), 'dist', name);
}
