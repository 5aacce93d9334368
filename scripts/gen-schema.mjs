// Builds dist/schema.json: the Kubernetes type graph (fields, types, formats, required fields and
// API documentation) read from the installed @kubernetes/client-node models. The API server uses it
// for OpenAPI documents, `kubectl explain`, strict field validation and strategic-merge keys.
// Generated at build time from the dependency; nothing of it is committed.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('@kubernetes/client-node/package.json'));
const modelsDir = join(pkgDir, 'dist/gen/models');
const models = await import(join(modelsDir, 'all.js'));

function unescape(s) {
  return s.replace(/\\'/g, "'").replace(/\\"/g, '"').replace(/\\\\/g, '\\');
}

function docs(name) {
  let text;
  try {
    text = readFileSync(join(modelsDir, `${name}.d.ts`), 'utf8');
  } catch {
    return { description: '', fields: {}, required: [] };
  }
  const fields = {};
  const required = [];
  let description = '';
  const classIdx = text.indexOf('export declare class');
  const before = text.slice(0, classIdx);
  const m = /\/\*\*\n\* ([\s\S]*?)\n\*\/\s*$/.exec(before);
  if (m) description = unescape(m[1].trim());
  const body = text.slice(classIdx);
  const re = /(?:\/\*\*\n\s*\* ([\s\S]*?)\n\s*\*\/\n)?\s*'([^']+)'(\??): /g;
  let f;
  while ((f = re.exec(body))) {
    if (f[1]) fields[f[2]] = unescape(f[1].trim());
    if (!f[3]) required.push(f[2]);
  }
  return { description, fields, required };
}

const types = {};
for (const [name, cls] of Object.entries(models)) {
  if (!cls || !Array.isArray(cls.attributeTypeMap)) continue;
  const d = docs(name);
  types[name] = {
    description: d.description,
    required: d.required,
    fields: cls.attributeTypeMap.map((a) => {
      const f = { name: a.baseName, type: a.type };
      if (a.format) f.format = a.format;
      if (d.fields[a.name]) f.description = d.fields[a.name];
      return f;
    }),
  };
}
mkdirSync('dist', { recursive: true });
writeFileSync('dist/schema.json', JSON.stringify({ source: 'client-node', types }));
console.log(`schema: ${Object.keys(types).length} types -> dist/schema.json`);
