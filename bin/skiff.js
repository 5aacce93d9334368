#!/usr/bin/env node
import { main } from '../dist/skiff.mjs';
main(process.argv).catch((err) => {
  process.stderr.write(`skiff: ${err?.message ?? err}\n`);
  process.exit(1);
});
