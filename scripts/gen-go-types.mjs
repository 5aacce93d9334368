// Generates src/apiserver/typed/go-types.ts: the Go type names of API fields that the client-node
// models cannot tell (named scalar types such as `v1.Protocol` or `types.UID`, named maps such as
// `v1.ResourceList`), which upstream's JSON decoder prints in its type errors
// (`json: cannot unmarshal number into Go struct field ServicePort.spec.ports.protocol of type v1.Protocol`).
//
// Run once when the API types move, after `npm run build` (it joins dist/schema.json and the compiled
// plan module with the Go sources):
//   node scripts/gen-go-types.mjs <k8s.io/api checkout> <k8s.io/apimachinery checkout>
// Only fields whose Go type differs from what src/apiserver/typed/plan.ts derives are written.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [apiDir, machineryDir] = process.argv.slice(2);
if (!apiDir || !machineryDir) {
  console.error('usage: node scripts/gen-go-types.mjs <k8s.io/api dir> <k8s.io/apimachinery dir>');
  process.exit(2);
}

const { PACKAGES } = await import('../dist/src/apiserver/openapi/upstream-facts.js');
const { upstreamFieldFacts } = await import('../dist/src/apiserver/openapi/facts.js');
const { fieldsOf, parseType } = await import('../dist/src/api/schema.js');
const { derivedGoType, goStructName } = await import('../dist/src/apiserver/typed/plan.js');

const BUILTIN = new Set(['string', 'bool', 'byte', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'float32', 'float64', 'interface{}', 'any']);

/** The directory of a Go import path, for the two repositories read. */
function dirOf(importPath) {
  if (importPath.startsWith('k8s.io/api/')) return join(apiDir, importPath.slice('k8s.io/api/'.length));
  if (importPath.startsWith('k8s.io/apimachinery/')) return join(machineryDir, importPath.slice('k8s.io/apimachinery/'.length));
  return undefined;
}

/** Removes comments, keeping string and raw-string literals (struct tags) intact. */
function stripComments(src) {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '`' || c === '"') {
      const end = src.indexOf(c, i + 1);
      out += src.slice(i, end + 1);
      i = end;
    } else if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && src[i + 1] === '*') {
      i = src.indexOf('*/', i + 2) + 1;
    } else out += c;
  }
  return out;
}

const packages = new Map();

/** Parses the struct declarations of one Go package: name → { fields: [{ name, type, inline }] }. */
function loadPackage(importPath) {
  if (packages.has(importPath)) return packages.get(importPath);
  const dir = dirOf(importPath);
  const pkg = { name: importPath.slice(importPath.lastIndexOf('/') + 1), structs: new Map(), imports: new Map(), path: importPath };
  packages.set(importPath, pkg);
  if (!dir || !existsSync(dir)) return pkg;
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.go') || file.endsWith('_test.go') || file.startsWith('zz_generated') || file.includes('generated')) continue;
    const src = stripComments(readFileSync(join(dir, file), 'utf8'));
    const imports = new Map();
    for (const m of src.matchAll(/^\s*(?:import\s+)?(\w+\s+)?"([\w./-]+)"\s*$/gm)) {
      const alias = m[1]?.trim() ?? m[2].slice(m[2].lastIndexOf('/') + 1);
      imports.set(alias, m[2]);
    }
    for (const m of src.matchAll(/^type (\w+) struct \{/gm)) {
      let depth = 1;
      let i = m.index + m[0].length;
      const start = i;
      for (; depth > 0 && i < src.length; i++) {
        if (src[i] === '`') i = src.indexOf('`', i + 1);
        else if (src[i] === '{') depth++;
        else if (src[i] === '}') depth--;
      }
      const body = src.slice(start, i - 1);
      const fields = [];
      for (const raw of body.split('\n')) {
        const line = raw.trim();
        if (!line) continue;
        const tag = /`([^`]*)`/.exec(line)?.[1] ?? '';
        const decl = line.replace(/`[^`]*`/, '').trim();
        const json = /json:"([^"]*)"/.exec(tag)?.[1];
        const jsonName = json?.split(',')[0] ?? '';
        const parts = decl.split(/\s+/);
        if (parts.length === 1) {
          fields.push({ inline: true, type: parts[0].replace(/^\*/, ''), imports });
        } else if (json !== '-') {
          const type = decl.slice(parts[0].length).trim();
          if (json !== undefined && jsonName === '' && json.includes('inline')) fields.push({ inline: true, type: type.replace(/^\*/, ''), imports });
          else fields.push({ name: jsonName || parts[0], type, imports });
        }
      }
      pkg.structs.set(m[1], { fields });
    }
  }
  return pkg;
}

/** A Go type expression as reflect prints it, from within package `pkg`. */
function goString(expr, pkg, imports) {
  const e = expr.trim();
  if (e.startsWith('*')) return `*${goString(e.slice(1), pkg, imports)}`;
  if (e.startsWith('[]')) return `[]${goString(e.slice(2), pkg, imports)}`;
  if (e.startsWith('map[')) {
    let depth = 0;
    for (let i = 3; i < e.length; i++) {
      if (e[i] === '[') depth++;
      else if (e[i] === ']' && --depth === 0) return `map[${goString(e.slice(4, i), pkg, imports)}]${goString(e.slice(i + 1), pkg, imports)}`;
    }
  }
  if (e === 'interface{}' || e === 'any') return 'interface {}';
  if (BUILTIN.has(e)) return e === 'byte' ? 'uint8' : e;
  const dot = e.indexOf('.');
  if (dot > 0) {
    const path = imports.get(e.slice(0, dot)) ?? e.slice(0, dot);
    return `${path.slice(path.lastIndexOf('/') + 1)}.${e.slice(dot + 1)}`;
  }
  return `${pkg.name}.${e}`;
}

/** The JSON fields of a struct, with inline (embedded) structs' fields promoted: name → Go type string. */
function structFields(pkg, name, out = new Map()) {
  const s = pkg.structs.get(name);
  if (!s) return out;
  for (const f of s.fields) {
    if (f.inline) {
      const dot = f.type.indexOf('.');
      if (dot > 0) {
        const other = loadPackage(f.imports.get(f.type.slice(0, dot)) ?? '');
        structFields(other, f.type.slice(dot + 1), out);
      } else structFields(pkg, f.type, out);
    } else if (!out.has(f.name)) {
      out.set(f.name, goString(f.type, pkg, f.imports).replace(/^\*/, ''));
    }
  }
  return out;
}

function importPathOf(prefix) {
  if (prefix.startsWith('io.k8s.api.')) return `k8s.io/api/${prefix.slice('io.k8s.api.'.length).replace(/\./g, '/')}`;
  if (prefix === 'io.k8s.apimachinery.pkg.apis.meta.v1') return 'k8s.io/apimachinery/pkg/apis/meta/v1';
  return undefined;
}

const goTypes = {};
const structNames = {};
let compared = 0;
for (const [prefix, list] of Object.entries(PACKAGES)) {
  const importPath = importPathOf(prefix);
  if (!importPath) continue;
  const pkg = loadPackage(importPath);
  for (const model of list.split(' ').filter(Boolean)) {
    let goName = goStructName(model);
    if (!pkg.structs.has(goName)) {
      const candidates = [...pkg.structs.keys()].filter((n) => model.endsWith(n)).sort((a, b) => b.length - a.length);
      if (!candidates.length) {
        console.warn(`no Go struct for ${model} in ${importPath}`);
        continue;
      }
      goName = candidates[0];
      structNames[model] = goName;
    }
    const goFields = structFields(pkg, goName);
    for (const f of fieldsOf(model)?.values() ?? []) {
      const actual = goFields.get(f.name);
      if (actual === undefined) continue;
      compared++;
      const derived = derivedGoType(parseType(f.type, f.format), upstreamFieldFacts(model, f.name).opaque);
      if (actual !== derived) (goTypes[model] ??= {})[f.name] = actual;
    }
  }
}

const q = (s) => JSON.stringify(s);
let out = `// Generated by scripts/gen-go-types.mjs from the Go API types of k8s.io/api and k8s.io/apimachinery
// (meta/v1), joined with the client-node models of dist/schema.json. Do not edit by hand.

/**
 * Go types (as reflect prints them, pointers dropped) of the fields whose type client-node and the field
 * facts cannot tell: named scalar, slice and map types. By client-node model and JSON field name.
 */
export const GO_TYPES: Record<string, Record<string, string>> = {\n`;
for (const model of Object.keys(goTypes).sort()) {
  const entries = Object.keys(goTypes[model]).sort().map((f) => `${/^[A-Za-z_$][\w$]*$/.test(f) ? f : q(f)}: ${q(goTypes[model][f])}`);
  let line = `  ${model}: { `;
  const lines = [];
  for (const e of entries) {
    if (line.length + e.length > 100 && !line.endsWith('{ ')) {
      lines.push(line.trimEnd());
      line = '    ';
    }
    line += `${e}, `;
  }
  lines.push(`${line.replace(/, $/, '')} },`);
  out += `${lines.join('\n')}\n`;
}
out += `};

/** Go struct names that differ from the client-node model name without its group/version prefix. */
export const GO_STRUCT_NAMES: Record<string, string> = {\n`;
for (const model of Object.keys(structNames).sort()) out += `  ${model}: ${q(structNames[model])},\n`;
out += '};\n';
writeFileSync('src/apiserver/typed/go-types.ts', out);
console.log(`go types: ${compared} fields compared, ${Object.values(goTypes).reduce((n, m) => n + Object.keys(m).length, 0)} overrides, ${Object.keys(structNames).length} struct names`);
