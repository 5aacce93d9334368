/**
 * `npm run bench [name...]`: runs the benchmarks and prints their figures as Markdown, ready for
 * docs/BENCHMARKS.md. Names: apiserver, node-agent, controllers (default: all).
 */
import { benchApiserver } from './apiserver.js';
import { benchControllers } from './controllers.js';
import { benchNodeAgent } from './node-agent.js';
import { type BenchResult, machine } from './lib.js';

const SUITES: Record<string, () => Promise<BenchResult[]>> = {
  apiserver: benchApiserver,
  'node-agent': benchNodeAgent,
  controllers: benchControllers,
};

async function main(): Promise<void> {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SUITES);
  console.log(`Machine: ${machine()}\nDate: ${new Date().toISOString().slice(0, 10)}\n`);
  for (const name of names) {
    const suite = SUITES[name];
    if (!suite) throw new Error(`unknown benchmark ${name}; choose from ${Object.keys(SUITES).join(', ')}`);
    process.stderr.write(`running ${name}...\n`);
    for (const r of await suite()) {
      const figs = Object.entries(r.figures).map(([k, v]) => `${k}: ${v}`).join('; ');
      console.log(`| ${r.name} | ${figs} | ${r.target ?? ''} | ${r.pass === undefined ? '' : r.pass ? 'met' : 'NOT met'} |`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
