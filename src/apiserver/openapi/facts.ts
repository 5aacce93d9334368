/**
 * Typed access to the generated per-field facts of upstream's API types (upstream-facts.ts): patch
 * strategy and merge key, list type and map keys, map type, enum values, defaults and the opaque
 * definition (Quantity, RawExtension...) of a client-node model's field.
 */
import { FIELD_FACTS } from './upstream-facts.js';

/** The raw `key=value` facts of one field, as the generated table encodes them. */
export type RawFacts = Partial<Record<'ps' | 'pk' | 'lt' | 'lk' | 'mt' | 'r' | 'en' | 'df' | 'z' | 'zi', string>>;

/** Decodes one field's `;`-separated facts string. */
export function parseFacts(text: string | undefined): RawFacts {
  const facts: RawFacts = {};
  if (!text) return facts;
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    const k = (eq < 0 ? part : part.slice(0, eq)) as keyof RawFacts;
    facts[k] = eq < 0 ? '' : part.slice(eq + 1);
  }
  return facts;
}

/** What upstream's Go types say about one field beyond its JSON type. */
export interface FieldFacts {
  /** `patchStrategy` struct tag, split: `['merge']`, `['merge', 'retainKeys']`, `['retainKeys']`; empty when untagged. */
  patchStrategies: string[];
  /** `patchMergeKey` struct tag; '' when untagged. */
  patchMergeKey: string;
  /** `+listType`: 'atomic' | 'set' | 'map' | undefined. */
  listType?: string;
  /** `+listMapKey` markers of a `map` list. */
  listMapKeys: string[];
  /** `+mapType` of the field: 'atomic' | 'granular' | undefined. */
  mapType?: string;
  /** The values of an enum-typed field (sorted), or undefined. */
  enum?: string[];
  /** The opaque type of the value or of its items: 'Quantity', 'RawExtension', 'FieldsV1', 'MicroTime', 'JSON'... */
  opaque?: string;
}

/** The upstream facts of `model.field` (client-node model name and JSON field name). */
export function upstreamFieldFacts(model: string, field: string): FieldFacts {
  const f = parseFacts(FIELD_FACTS[model]?.[field]);
  const out: FieldFacts = {
    patchStrategies: f.ps ? f.ps.split(',') : [],
    patchMergeKey: f.pk ?? '',
    listMapKeys: f.lk ? f.lk.split(',') : [],
  };
  if (f.lt) out.listType = f.lt;
  if (f.mt) out.mapType = f.mt;
  if (f.en !== undefined) out.enum = f.en.split(',');
  if (f.r) out.opaque = f.r;
  return out;
}
