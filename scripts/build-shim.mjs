#!/usr/bin/env node
/**
 * Compiles native/skiff-shim.c (the process runtime's per-container shim) into dist/skiff-shim
 * with the system C compiler (`$CC`, default `cc`). Skips the compile when the binary is newer
 * than the source, unless `--force`. Writes through a temporary file and a rename so concurrent
 * builds (parallel test files) never see a half-written binary.
 *
 *   node scripts/build-shim.mjs [--force] [--out PATH]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const force = args.includes('--force');
const outIdx = args.indexOf('--out');
const out = outIdx >= 0 && args[outIdx + 1] ? resolve(args[outIdx + 1]) : join(root, 'dist', 'skiff-shim');
const src = join(root, 'native', 'skiff-shim.c');

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

if (!force && mtime(out) >= mtime(src)) {
  process.exit(0);
}
mkdirSync(dirname(out), { recursive: true });
const tmp = `${out}.tmp-${process.pid}`;
const cc = process.env.CC || 'cc';
try {
  execFileSync(cc, ['-O2', '-Wall', '-o', tmp, src], { stdio: 'inherit' });
  renameSync(tmp, out);
} catch (err) {
  rmSync(tmp, { force: true });
  console.error(`build-shim: compiling ${src} with ${cc} failed: ${err.message}`);
  process.exit(1);
}
