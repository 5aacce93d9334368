/**
 * A container's environment, built as the kubelet's `makeEnvironmentVariables` (v1.32) does:
 * envFrom sources in order, then `env` (later definitions win), `$(VAR)` expansion against what is
 * defined so far and the service links, `valueFrom` sources, and the service link variables last
 * in precedence. Missing required sources raise the errors the kubelet reports as CreateContainerConfigError.
 */
import type { ConfigMap, Container, Pod, Secret, Service } from '../api/types.js';
import { fieldRefValue, resourceFieldRefValue, type DownwardContext } from './env/downward.js';
import { expandWith, mappingFor } from './env/expansion.js';
import { serviceEnvVars } from './env/service-env.js';

export { expand, expandCommandAndArgs, expandWith, mappingFor, type EnvLookup, type EnvSource } from './env/expansion.js';
export { EnvValueError } from './env/downward.js';
export { fromServices, serviceEnvVars } from './env/service-env.js';

/** Lookups and node facts `makeEnvironment` needs. */
export interface EnvContext extends DownwardContext {
  configMap(namespace: string, name: string): ConfigMap | undefined;
  secret(namespace: string, name: string): Secret | undefined;
  /** Services of the pod's namespace and the `kubernetes` service of `default` (others are ignored). */
  services: readonly Service[];
  /**
   * Pre-1.30 kubelets skipped envFrom keys that were not C identifiers and reported an
   * `InvalidEnvironmentVariableNames` event; 1.30+ (RelaxedEnvironmentVariableValidation) injects
   * every key. Off by default, as in 1.32.
   */
  skipInvalidEnvFromKeys?: boolean;
}

/** The waiting reason the kubelet gives a container whose environment cannot be built. */
export const CREATE_CONTAINER_CONFIG_ERROR = 'CreateContainerConfigError';

/** A required ConfigMap/Secret (or key) is missing; the message is what the kubelet puts in the waiting state. */
export class EnvConfigError extends Error {
  readonly reason = CREATE_CONTAINER_CONFIG_ERROR;
}

/** A warning event the kubelet would record while building the environment. */
export interface EnvWarning {
  reason: 'InvalidEnvironmentVariableNames';
  message: string;
}

/** The environment (deduplicated, service links first) and the warning events raised on the way. */
export interface EnvironmentResult {
  env: [string, string][];
  warnings: EnvWarning[];
}

/** The legacy (pre-1.30) envFrom key rule: upstream `IsEnvVarName`'s C-identifier-like pattern. */
const LEGACY_ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

function decodeSecretValue(b64: string): string {
  return Buffer.from(b64, 'base64').toString('utf8');
}

/** Per-call caches so each ConfigMap/Secret is fetched once, as upstream does. */
class Sources {
  private readonly configMaps = new Map<string, ConfigMap>();
  private readonly secrets = new Map<string, Secret>();
  constructor(
    private readonly ns: string,
    private readonly ctx: EnvContext,
  ) {}

  /** The ConfigMap, undefined when missing and optional; throws `configmap "x" not found` otherwise. */
  configMap(name: string, optional: boolean): ConfigMap | undefined {
    let cm = this.configMaps.get(name);
    if (!cm) {
      cm = this.ctx.configMap(this.ns, name);
      if (!cm) {
        if (optional) return undefined;
        throw new EnvConfigError(`configmap "${name}" not found`);
      }
      this.configMaps.set(name, cm);
    }
    return cm;
  }

  /** The Secret, undefined when missing and optional; throws `secret "x" not found` otherwise. */
  secret(name: string, optional: boolean): Secret | undefined {
    let s = this.secrets.get(name);
    if (!s) {
      s = this.ctx.secret(this.ns, name);
      if (!s) {
        if (optional) return undefined;
        throw new EnvConfigError(`secret "${name}" not found`);
      }
      this.secrets.set(name, s);
    }
    return s;
  }
}

/** envFrom: every key of each source (prefixed), later sources overriding earlier ones. */
function applyEnvFrom(container: Container, ns: string, src: Sources, ctx: EnvContext, tmp: Map<string, string>, warnings: EnvWarning[]): void {
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    let kind: 'configMap' | 'secret';
    let name: string;
    let entries: [string, string][];
    if (from.configMapRef) {
      kind = 'configMap';
      name = from.configMapRef.name ?? '';
      const cm = src.configMap(name, from.configMapRef.optional === true);
      if (!cm) continue;
      entries = Object.entries(cm.data ?? {});
    } else if (from.secretRef) {
      kind = 'secret';
      name = from.secretRef.name ?? '';
      const s = src.secret(name, from.secretRef.optional === true);
      if (!s) continue;
      entries = Object.entries(s.data ?? {}).map(([k, v]) => [k, decodeSecretValue(v)]);
    } else {
      continue;
    }
    const invalid: string[] = [];
    for (const [k, v] of entries) {
      const key = prefix + k;
      if (ctx.skipInvalidEnvFromKeys && !LEGACY_ENV_NAME.test(key)) {
        invalid.push(key);
        continue;
      }
      tmp.set(key, v);
    }
    if (invalid.length > 0) {
      invalid.sort();
      warnings.push({
        reason: 'InvalidEnvironmentVariableNames',
        message: `Keys [${invalid.join(', ')}] from the EnvFrom ${kind} ${ns}/${name} were skipped since they are considered invalid environment variable names.`,
      });
    }
  }
}

/**
 * The value of one `env` entry, or undefined when an optional source is missing (the variable is
 * then not set at all). Plain values are `$(VAR)`-expanded; `valueFrom` results are not.
 */
function envValue(
  v: NonNullable<Container['env']>[number],
  pod: Pod,
  container: Container,
  src: Sources,
  ctx: EnvContext,
  mapping: (name: string) => string,
): string | undefined {
  const ns = pod.metadata?.namespace ?? '';
  if (v.value) return expandWith(v.value, mapping);
  const from = v.valueFrom;
  if (!from) return '';
  if (from.fieldRef) return fieldRefValue(from.fieldRef, pod, ctx);
  if (from.resourceFieldRef) return resourceFieldRefValue(from.resourceFieldRef, pod, container, ctx.nodeAllocatable);
  if (from.configMapKeyRef) {
    const { name = '', key, optional } = from.configMapKeyRef;
    const cm = src.configMap(name, optional === true);
    if (!cm) return undefined;
    const value = cm.data?.[key];
    if (value === undefined) {
      if (optional) return undefined;
      throw new EnvConfigError(`couldn't find key ${key} in ConfigMap ${ns}/${name}`);
    }
    return value;
  }
  if (from.secretKeyRef) {
    const { name = '', key, optional } = from.secretKeyRef;
    const s = src.secret(name, optional === true);
    if (!s) return undefined;
    const value = s.data?.[key];
    if (value === undefined) {
      if (optional) return undefined;
      throw new EnvConfigError(`couldn't find key ${key} in Secret ${ns}/${name}`);
    }
    return decodeSecretValue(value);
  }
  return '';
}

/**
 * Builds the container's environment and the warnings raised. Throws `EnvConfigError` for a
 * missing required ConfigMap/Secret/key and `EnvValueError` for an unusable downward API reference.
 */
export function resolveEnvironment(pod: Pod, container: Container, ctx: EnvContext): EnvironmentResult {
  const ns = pod.metadata?.namespace ?? '';
  const serviceEnv = serviceEnvVars(ctx.services, ns, pod.spec?.enableServiceLinks !== false);
  const src = new Sources(ns, ctx);
  const tmp = new Map<string, string>();
  const warnings: EnvWarning[] = [];

  applyEnvFrom(container, ns, src, ctx, tmp, warnings);
  // References see envFrom keys and the env entries declared so far, then the service links.
  const mapping = mappingFor(tmp, serviceEnv);
  for (const v of container.env ?? []) {
    const value = envValue(v, pod, container, src, ctx, mapping);
    if (value !== undefined) tmp.set(v.name, value);
  }

  const env: [string, string][] = [];
  for (const [k, v] of serviceEnv) if (!tmp.has(k)) env.push([k, v]);
  env.push(...tmp);
  return { env, warnings };
}

/** The container's environment as `[name, value]` pairs (see `resolveEnvironment`). */
export function makeEnvironment(pod: Pod, container: Container, ctx: EnvContext): [string, string][] {
  return resolveEnvironment(pod, container, ctx).env;
}
