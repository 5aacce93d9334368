/**
 * The lazily built protobufjs Root for every Kubernetes message the decoder knows, and cached lookups of
 * message types and specs. Nothing is built at import time.
 */
import protobuf from 'protobufjs/light.js';
import { type MessageSpec, parseSchema, toDescriptor } from './spec.js';
import { metaTables } from './tables/meta.js';
import { coreTables } from './tables/core.js';
import { corePodTables } from './tables/core-pod.js';
import { coreVolumeTables } from './tables/core-volumes.js';
import { appsTables } from './tables/apps.js';
import { networkingTables } from './tables/networking.js';
import { autoscalingTables } from './tables/autoscaling.js';
import { authTables } from './tables/auth.js';

interface Loaded {
  root: protobuf.Root;
  specs: Map<string, MessageSpec>;
  types: Map<string, protobuf.Type>;
}

let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  const specs = parseSchema([
    metaTables,
    coreTables,
    corePodTables,
    coreVolumeTables,
    appsTables,
    networkingTables,
    autoscalingTables,
    authTables,
  ]);
  const root = protobuf.Root.fromJSON(toDescriptor(specs.values()));
  root.resolveAll();
  loaded = { root, specs, types: new Map() };
  return loaded;
}

/** The spec of a fully qualified message (`core.v1.Pod`); throws if the schema has no such message. */
export function messageSpec(name: string): MessageSpec {
  const spec = load().specs.get(name);
  if (!spec) throw new Error(`protobuf schema: no message ${name}`);
  return spec;
}

/** The protobufjs type of a fully qualified message, looked up once and cached. */
export function messageType(name: string): protobuf.Type {
  const l = load();
  let type = l.types.get(name);
  if (!type) {
    messageSpec(name);
    type = l.root.lookupType(name);
    l.types.set(name, type);
  }
  return type;
}

/** Whether the Root has been built yet (for tests of the lazy-build contract). */
export function isSchemaLoaded(): boolean {
  return loaded !== undefined;
}
