// Builds dist/schema.json: the Kubernetes type graph (fields, types, formats, required fields and
// API documentation) read from the installed @kubernetes/client-node models, and
// dist/ref-field-docs.json, the documentation client-node lacks (of fields that refer to another type)
// read from the kubernetes-types declarations. The API server uses it
// for OpenAPI documents, `kubectl explain`, strict field validation and strategic-merge keys.
// Generated at build time from the dependency; nothing of it is committed.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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

// The documentation of fields whose type is another API type (`exec <ExecAction>`, `spec <PodSpec>`):
// client-node's generator drops it (its models keep no text beside a reference), while the
// kubernetes-types declarations keep every field's. Keyed by upstream definition name, for the
// OpenAPI documents to put beside each `$ref` as kube-apiserver does.
function definitionPrefix(file) {
  const p = file.replace(/\.d\.ts$/, '');
  const apimachinery = { 'meta/v1': 'io.k8s.apimachinery.pkg.apis.meta.v1', 'api/resource': 'io.k8s.apimachinery.pkg.api.resource', runtime: 'io.k8s.apimachinery.pkg.runtime', version: 'io.k8s.apimachinery.pkg.version' };
  if (apimachinery[p]) return apimachinery[p];
  if (p.startsWith('apiextensions/')) return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${p.split('/')[1]}`;
  return `io.k8s.api.${p.replace('/', '.')}`;
}

function refFieldDocs(text, prefix, out) {
  let iface;
  let comment;
  let doc;
  for (const line of text.split('\n')) {
    const start = /^export interface (\w+)/.exec(line);
    if (start) {
      iface = `${prefix}.${start[1]}`;
      doc = undefined;
      continue;
    }
    if (!iface) continue;
    if (line === '}') {
      iface = undefined;
      continue;
    }
    const single = /^ {4}\/\*\* (.*) \*\/$/.exec(line);
    if (single) {
      doc = single[1];
      continue;
    }
    if (/^ {4}\/\*\*$/.test(line)) {
      comment = [];
      continue;
    }
    if (comment) {
      if (/^ {5}\*\/$/.test(line)) {
        doc = comment.join('\n');
        comment = undefined;
      } else comment.push(line.replace(/^ {5}\* ?/, ''));
      continue;
    }
    const field = /^ {4}(?:readonly )?(\w+)\??: ([A-Za-z_]\w*);$/.exec(line);
    if (field && doc && /^[A-Z]/.test(field[2])) (out[iface] ??= {})[field[1]] = doc.replace(/\*\\\//g, '*/');
    if (/^ {4}\S/.test(line)) doc = undefined;
  }
}

let refDocs = {};
try {
  const typesDir = dirname(require.resolve('kubernetes-types/package.json'));
  const files = [];
  const walk = (dir, rel) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, rel ? `${rel}/${name}` : name);
      else if (name.endsWith('.d.ts')) files.push(rel ? `${rel}/${name}` : name);
    }
  };
  walk(typesDir, '');
  for (const f of files.sort()) refFieldDocs(readFileSync(join(typesDir, f), 'utf8'), definitionPrefix(f), refDocs);
} catch (err) {
  console.warn(`schema: kubernetes-types not installed (${err.message.split('\n')[0]}): fields that refer to another type get no description; run \`npm install\``);
  refDocs = {};
}
writeFileSync('dist/ref-field-docs.json', JSON.stringify(refDocs));
console.log(`schema: descriptions of ${Object.values(refDocs).reduce((n, f) => n + Object.keys(f).length, 0)} fields that refer to another type -> dist/ref-field-docs.json`);
