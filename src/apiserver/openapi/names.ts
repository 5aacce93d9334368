/**
 * Upstream OpenAPI definition names for the client-node models (V1Pod → io.k8s.api.core.v1.Pod,
 * CoreV1Event → io.k8s.api.core.v1.Event, V1ObjectMeta → io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta)
 * and for the scalar definitions client-node has no model for (Time, Quantity, IntOrString...).
 */
import { PACKAGES } from './upstream-facts.js';
import type { Flavor } from './types.js';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** The definitions that are scalars or free-form values rather than client-node models. */
export const OPAQUE = {
  time: `${META}.Time`,
  microTime: `${META}.MicroTime`,
  fieldsV1: `${META}.FieldsV1`,
  patch: `${META}.Patch`,
  quantity: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
  intOrString: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  rawExtension: 'io.k8s.apimachinery.pkg.runtime.RawExtension',
} as const;

let byModel: Map<string, string> | undefined;
let opaqueByShort: Map<string, string> | undefined;

function modelIndex(): Map<string, string> {
  if (!byModel) {
    byModel = new Map([['VersionInfo', 'io.k8s.apimachinery.pkg.version.Info']]);
    for (const [pkg, list] of Object.entries(PACKAGES)) {
      for (const model of list.split(' ')) byModel.set(model, `${pkg}.${goName(model)}`);
    }
  }
  return byModel;
}

/** The Go type name inside a client-node model name: V1Pod → Pod, CoreV1Event → Event, V1beta1Foo → Foo. */
export function goName(model: string): string {
  return model.replace(/^(?:[A-Z][a-z]+)?V\d+(?:alpha\d+|beta\d+)?(?=[A-Z])/, '');
}

/**
 * The upstream definition name of a client-node model. Models the generated table does not know
 * (newer client-node releases) are guessed into the core package of their version.
 */
export function definitionName(model: string): string {
  const known = modelIndex().get(model);
  if (known) return known;
  const version = /^(?:[A-Z][a-z]+)?V(\d+(?:alpha\d+|beta\d+)?)[A-Z]/.exec(model)?.[1];
  return `io.k8s.api.core.v${version ?? '1'}.${goName(model)}`;
}

/** Whether the generated table knows which upstream package a model belongs to. */
export function isKnownModel(model: string): boolean {
  return modelIndex().has(model);
}

/** The full definition name of an opaque type from its short name (`Quantity`, `RawExtension`...). */
export function opaqueDefinition(short: string): string | undefined {
  if (!opaqueByShort) {
    const all = [...Object.values(OPAQUE), `${META}.Duration`, 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON'];
    opaqueByShort = new Map(all.map((d) => [d.slice(d.lastIndexOf('.') + 1), d]));
  }
  return opaqueByShort.get(short);
}

/** A JSON reference to a definition, in the dialect's location (`#/components/schemas/` or `#/definitions/`). */
export function refTo(definition: string, flavor: Flavor): string {
  return (flavor === 'v3' ? '#/components/schemas/' : '#/definitions/') + definition;
}
