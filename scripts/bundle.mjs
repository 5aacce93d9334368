// Bundles the `skiff` command into dist/skiff.mjs with esbuild: one file loads far faster than a
// few hundred ES modules (server start-up is a measured figure). Whitespace and syntax are
// minified (V8 keeps the source in memory: about 5 MB of the idle RSS), names are kept, so stack
// traces stay readable; the source map points back to src/. tsc still type-checks and emits
// dist/src for the unit tests. Native and lazily loaded packages stay external.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: 'dist/skiff.mjs',
  sourcemap: true,
  minifyWhitespace: true,
  minifySyntax: true,
  external: ['better-sqlite3', '@peculiar/x509', 'reflect-metadata'],
  banner: { js: "import { createRequire as __skiffCreateRequire } from 'node:module'; const require = __skiffCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
