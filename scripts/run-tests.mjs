// Runs every compiled *.test.js under dist/src and dist/test with node's test runner (whose
// summary CI reads). Files are listed explicitly: node would otherwise treat every file in a
// directory named `test` (the helpers) as a test file.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir, out = []) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const n of names) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) find(p, out);
    else if (n.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const args = process.argv.slice(2);
const roots = args.length ? args : ['dist/src', 'dist/test'];
const files = roots.flatMap((r) => (r.endsWith('.js') ? [r] : find(r))).sort();
if (!files.length) {
  console.error(`no test files under ${roots.join(', ')}: run \`npm run build\` first`);
  process.exit(1);
}
const concurrency = process.env.SKIFF_TEST_CONCURRENCY ?? '2';
const r = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
