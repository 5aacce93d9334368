/**
 * `$(VAR)` reference expansion as in upstream third_party/forked/golang/expansion: used for env
 * values, command, args and subPathExpr. `$$` escapes a `$`; unresolved references stay verbatim.
 */
import type { Container } from '../../api/types.js';

/** A variable lookup: the value, or undefined when the name is not defined. */
export type EnvLookup = (name: string) => string | undefined;

/** Anything `expand` accepts as a variable source. */
export type EnvSource = EnvLookup | ReadonlyMap<string, string> | readonly (readonly [string, string])[];

/** Upstream `MappingFuncFor`: consults each source in turn; an unknown name maps back to `$(name)`. */
export function mappingFor(...sources: EnvSource[]): (name: string) => string {
  const lookups = sources.map(toLookup);
  return (name) => {
    for (const l of lookups) {
      const v = l(name);
      if (v !== undefined) return v;
    }
    return `$(${name})`;
  };
}

function toLookup(src: EnvSource): EnvLookup {
  if (typeof src === 'function') return src;
  if (src instanceof Map) return (n) => src.get(n);
  // A list of pairs: the last definition of a name wins, as upstream's EnvVarsToMap.
  const m = new Map<string, string>(src as readonly (readonly [string, string])[]);
  return (n) => m.get(n);
}

/**
 * Upstream `Expand`: replaces each `$(name)` with `mapping(name)`; `$$` becomes `$`; a `$`
 * followed by anything else, or an unterminated `$(`, is copied as is.
 */
export function expandWith(input: string, mapping: (name: string) => string): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const next = input[cursor + 1];
    let advance = 1;
    if (next === '$') {
      out += '$';
    } else if (next === '(') {
      const close = input.indexOf(')', cursor + 2);
      if (close >= 0) {
        out += mapping(input.slice(cursor + 2, close));
        advance = close - cursor;
      } else {
        out += '$(';
      }
    } else {
      out += '$' + next;
    }
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

/** Expands `$(VAR)` references in `input` against an env (map, pairs or lookup function). */
export function expand(input: string, env: EnvSource): string {
  return expandWith(input, mappingFor(env));
}

/**
 * Upstream `ExpandContainerCommandAndArgs`: the container's command and args with references
 * resolved against its final environment.
 */
export function expandCommandAndArgs(container: Container, env: EnvSource): { command: string[]; args: string[] } {
  const mapping = mappingFor(env);
  return {
    command: (container.command ?? []).map((c) => expandWith(c, mapping)),
    args: (container.args ?? []).map((a) => expandWith(a, mapping)),
  };
}
