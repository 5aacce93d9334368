/**
 * Kubernetes object shapes as they travel on the wire (JSON). The structure comes from the
 * `@kubernetes/client-node` models; `Wire<T>` turns their `Date` fields back into the RFC 3339
 * strings the API actually carries.
 */
import type * as k from '@kubernetes/client-node';

export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type ObjectMeta = Wire<k.V1ObjectMeta>;
export type OwnerReference = Wire<k.V1OwnerReference>;
export type LabelSelector = Wire<k.V1LabelSelector>;
export type Pod = Wire<k.V1Pod>;
export type PodSpec = Wire<k.V1PodSpec>;
export type PodStatus = Wire<k.V1PodStatus>;
export type PodCondition = Wire<k.V1PodCondition>;
export type Container = Wire<k.V1Container>;
export type ContainerStatus = Wire<k.V1ContainerStatus>;
export type ContainerState = Wire<k.V1ContainerState>;
export type Probe = Wire<k.V1Probe>;
export type LifecycleHandler = Wire<k.V1LifecycleHandler>;
export type EnvVar = Wire<k.V1EnvVar>;
export type Volume = Wire<k.V1Volume>;
export type Toleration = Wire<k.V1Toleration>;
export type Taint = Wire<k.V1Taint>;
export type ResourceRequirements = Wire<k.V1ResourceRequirements>;
export type Service = Wire<k.V1Service>;
export type ServiceSpec = Wire<k.V1ServiceSpec>;
export type ServicePort = Wire<k.V1ServicePort>;
export type Endpoints = Wire<k.V1Endpoints>;
export type EndpointSubset = Wire<k.V1EndpointSubset>;
export type EndpointSlice = Wire<k.V1EndpointSlice>;
export type Namespace = Wire<k.V1Namespace>;
export type Node = Wire<k.V1Node>;
export type NodeCondition = Wire<k.V1NodeCondition>;
export type ConfigMap = Wire<k.V1ConfigMap>;
export type Secret = Wire<k.V1Secret>;
export type ServiceAccount = Wire<k.V1ServiceAccount>;
export type Event = Wire<k.CoreV1Event>;
export type EventsV1Event = Wire<k.EventsV1Event>;
export type Deployment = Wire<k.V1Deployment>;
export type DeploymentCondition = Wire<k.V1DeploymentCondition>;
export type ReplicaSet = Wire<k.V1ReplicaSet>;
export type StatefulSet = Wire<k.V1StatefulSet>;
export type DaemonSet = Wire<k.V1DaemonSet>;
export type Job = Wire<k.V1Job>;
export type Ingress = Wire<k.V1Ingress>;
export type IngressClass = Wire<k.V1IngressClass>;
export type Lease = Wire<k.V1Lease>;
export type Binding = Wire<k.V1Binding>;
export type Eviction = Wire<k.V1Eviction>;
export type DeleteOptions = Wire<k.V1DeleteOptions>;
export type Status = Wire<k.V1Status>;
export type StatusCause = Wire<k.V1StatusCause>;
export type Scale = Wire<k.V1Scale>;
export type PodTemplateSpec = Wire<k.V1PodTemplateSpec>;

/** Any API object: what the generic machinery (store, registry, watch) handles. */
export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/** An object known to have metadata (every stored object does). */
export interface StoredObject extends KObject {
  metadata: ObjectMeta;
}

export interface ListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface KList<T extends KObject = KObject> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}
