import type { SchemaPart } from '../spec.js';

/**
 * meta/v1, resource.Quantity, intstr.IntOrString and runtime envelope messages.
 * Field numbers and types follow the k8s.io/api and k8s.io/apimachinery v0.32 wire format;
 * the `!` (keep zero) and `^` (inline) marks follow the Go types' pointers and JSON tags.
 * Grammar: see spec.ts.
 */
export const metaTables: SchemaPart = {
  'meta.v1': {
    Condition: 'type=1! status=2! observedGeneration=3:i64 lastTransitionTime=4:Time reason=5! message=6!',
    DeleteOptions:
      'gracePeriodSeconds=1:i64! preconditions=2:Preconditions orphanDependents=3:bool! propagationPolicy=4! ' +
      'dryRun=5:[]s ignoreStoreReadErrorWithClusterBreakingPotential=6:bool!',
    FieldSelectorRequirement: 'key=1! operator=2! values=3:[]s',
    FieldsV1: 'Raw=1:bytes!',
    LabelSelector: 'matchLabels=1:{s} matchExpressions=2:[]LabelSelectorRequirement',
    LabelSelectorRequirement: 'key=1! operator=2! values=3:[]s',
    ManagedFieldsEntry:
      'manager=1 operation=2 apiVersion=3 time=4:Time fieldsType=6 fieldsV1=7:FieldsV1 subresource=8',
    MicroTime: 'seconds=1:i64 nanos=2:i32',
    ObjectMeta:
      'name=1 generateName=2 namespace=3 selfLink=4 uid=5 resourceVersion=6 generation=7:i64 ' +
      'creationTimestamp=8:Time deletionTimestamp=9:Time deletionGracePeriodSeconds=10:i64! labels=11:{s} ' +
      'annotations=12:{s} ownerReferences=13:[]OwnerReference finalizers=14:[]s ' +
      'managedFields=17:[]ManagedFieldsEntry',
    OwnerReference: 'apiVersion=5! kind=1! name=3! uid=4! controller=6:bool! blockOwnerDeletion=7:bool!',
    Preconditions: 'uid=1! resourceVersion=2!',
    Time: 'seconds=1:i64 nanos=2:i32',
  },
  'resource': {
    Quantity: 'string=1',
  },
  'intstr': {
    IntOrString: 'type=1:i64! intVal=2:i32! strVal=3!',
  },
  'runtime': {
    RawExtension: 'raw=1:bytes!',
    TypeMeta: 'apiVersion=1 kind=2',
    Unknown: 'typeMeta=1:TypeMeta^ raw=2:bytes! contentEncoding=3! contentType=4!',
  },
};
