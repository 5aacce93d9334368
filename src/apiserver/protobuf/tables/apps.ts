import type { SchemaPart } from '../spec.js';

/**
 * apps/v1 and batch/v1 workload messages.
 * Field numbers and types follow the k8s.io/api and k8s.io/apimachinery v0.32 wire format;
 * the `!` (keep zero) and `^` (inline) marks follow the Go types' pointers and JSON tags.
 * Grammar: see spec.ts.
 */
export const appsTables: SchemaPart = {
  'apps.v1': {
    ControllerRevision: 'metadata=1:meta.v1.ObjectMeta data=2:runtime.RawExtension revision=3:i64!',
    DaemonSet: 'metadata=1:meta.v1.ObjectMeta spec=2:DaemonSetSpec status=3:DaemonSetStatus',
    DaemonSetCondition: 'type=1! status=2! lastTransitionTime=3:meta.v1.Time reason=4 message=5',
    DaemonSetSpec:
      'selector=1:meta.v1.LabelSelector template=2:core.v1.PodTemplateSpec ' +
      'updateStrategy=3:DaemonSetUpdateStrategy minReadySeconds=4:i32 revisionHistoryLimit=6:i32!',
    DaemonSetStatus:
      'currentNumberScheduled=1:i32! numberMisscheduled=2:i32! desiredNumberScheduled=3:i32! ' +
      'numberReady=4:i32! observedGeneration=5:i64 updatedNumberScheduled=6:i32 numberAvailable=7:i32 ' +
      'numberUnavailable=8:i32 collisionCount=9:i32! conditions=10:[]DaemonSetCondition',
    DaemonSetUpdateStrategy: 'type=1 rollingUpdate=2:RollingUpdateDaemonSet',
    Deployment: 'metadata=1:meta.v1.ObjectMeta spec=2:DeploymentSpec status=3:DeploymentStatus',
    DeploymentCondition:
      'type=1! status=2! lastUpdateTime=6:meta.v1.Time lastTransitionTime=7:meta.v1.Time reason=4 message=5',
    DeploymentSpec:
      'replicas=1:i32! selector=2:meta.v1.LabelSelector template=3:core.v1.PodTemplateSpec ' +
      'strategy=4:DeploymentStrategy minReadySeconds=5:i32 revisionHistoryLimit=6:i32! paused=7:bool ' +
      'progressDeadlineSeconds=9:i32!',
    DeploymentStatus:
      'observedGeneration=1:i64 replicas=2:i32 updatedReplicas=3:i32 readyReplicas=7:i32 ' +
      'availableReplicas=4:i32 unavailableReplicas=5:i32 conditions=6:[]DeploymentCondition ' +
      'collisionCount=8:i32!',
    DeploymentStrategy: 'type=1 rollingUpdate=2:RollingUpdateDeployment',
    ReplicaSet: 'metadata=1:meta.v1.ObjectMeta spec=2:ReplicaSetSpec status=3:ReplicaSetStatus',
    ReplicaSetCondition: 'type=1! status=2! lastTransitionTime=3:meta.v1.Time reason=4 message=5',
    ReplicaSetSpec:
      'replicas=1:i32! minReadySeconds=4:i32 selector=2:meta.v1.LabelSelector ' +
      'template=3:core.v1.PodTemplateSpec',
    ReplicaSetStatus:
      'replicas=1:i32! fullyLabeledReplicas=2:i32 readyReplicas=4:i32 availableReplicas=5:i32 ' +
      'observedGeneration=3:i64 conditions=6:[]ReplicaSetCondition',
    RollingUpdateDaemonSet: 'maxUnavailable=1:intstr.IntOrString maxSurge=2:intstr.IntOrString',
    RollingUpdateDeployment: 'maxUnavailable=1:intstr.IntOrString maxSurge=2:intstr.IntOrString',
    RollingUpdateStatefulSetStrategy: 'partition=1:i32! maxUnavailable=2:intstr.IntOrString',
    StatefulSet: 'metadata=1:meta.v1.ObjectMeta spec=2:StatefulSetSpec status=3:StatefulSetStatus',
    StatefulSetCondition: 'type=1! status=2! lastTransitionTime=3:meta.v1.Time reason=4 message=5',
    StatefulSetOrdinals: 'start=1:i32!',
    StatefulSetPersistentVolumeClaimRetentionPolicy: 'whenDeleted=1 whenScaled=2',
    StatefulSetSpec:
      'replicas=1:i32! selector=2:meta.v1.LabelSelector template=3:core.v1.PodTemplateSpec ' +
      'volumeClaimTemplates=4:[]core.v1.PersistentVolumeClaim serviceName=5! podManagementPolicy=6 ' +
      'updateStrategy=7:StatefulSetUpdateStrategy revisionHistoryLimit=8:i32! minReadySeconds=9:i32 ' +
      'persistentVolumeClaimRetentionPolicy=10:StatefulSetPersistentVolumeClaimRetentionPolicy ' +
      'ordinals=11:StatefulSetOrdinals',
    StatefulSetStatus:
      'observedGeneration=1:i64 replicas=2:i32! readyReplicas=3:i32 currentReplicas=4:i32 ' +
      'updatedReplicas=5:i32 currentRevision=6 updateRevision=7 collisionCount=9:i32! ' +
      'conditions=10:[]StatefulSetCondition availableReplicas=11:i32!',
    StatefulSetUpdateStrategy: 'type=1 rollingUpdate=2:RollingUpdateStatefulSetStrategy',
  },
  'batch.v1': {
    CronJob: 'metadata=1:meta.v1.ObjectMeta spec=2:CronJobSpec status=3:CronJobStatus',
    CronJobSpec:
      'schedule=1! timeZone=8! startingDeadlineSeconds=2:i64! concurrencyPolicy=3 suspend=4:bool! ' +
      'jobTemplate=5:JobTemplateSpec successfulJobsHistoryLimit=6:i32! failedJobsHistoryLimit=7:i32!',
    CronJobStatus:
      'active=1:[]core.v1.ObjectReference lastScheduleTime=4:meta.v1.Time lastSuccessfulTime=5:meta.v1.Time',
    Job: 'metadata=1:meta.v1.ObjectMeta spec=2:JobSpec status=3:JobStatus',
    JobCondition:
      'type=1! status=2! lastProbeTime=3:meta.v1.Time lastTransitionTime=4:meta.v1.Time reason=5 message=6',
    JobSpec:
      'parallelism=1:i32! completions=2:i32! activeDeadlineSeconds=3:i64! podFailurePolicy=11:PodFailurePolicy ' +
      'successPolicy=16:SuccessPolicy backoffLimit=7:i32! backoffLimitPerIndex=12:i32! ' +
      'maxFailedIndexes=13:i32! selector=4:meta.v1.LabelSelector manualSelector=5:bool! ' +
      'template=6:core.v1.PodTemplateSpec ttlSecondsAfterFinished=8:i32! completionMode=9! suspend=10:bool! ' +
      'podReplacementPolicy=14! managedBy=15!',
    JobStatus:
      'conditions=1:[]JobCondition startTime=2:meta.v1.Time completionTime=3:meta.v1.Time active=4:i32 ' +
      'succeeded=5:i32 failed=6:i32 terminating=11:i32! completedIndexes=7 failedIndexes=10! ' +
      'uncountedTerminatedPods=8:UncountedTerminatedPods ready=9:i32!',
    JobTemplateSpec: 'metadata=1:meta.v1.ObjectMeta spec=2:JobSpec',
    PodFailurePolicy: 'rules=1:[]PodFailurePolicyRule',
    PodFailurePolicyOnExitCodesRequirement: 'containerName=1! operator=2! values=3:[]i32',
    PodFailurePolicyOnPodConditionsPattern: 'type=1! status=2!',
    PodFailurePolicyRule:
      'action=1! onExitCodes=2:PodFailurePolicyOnExitCodesRequirement ' +
      'onPodConditions=3:[]PodFailurePolicyOnPodConditionsPattern',
    SuccessPolicy: 'rules=1:[]SuccessPolicyRule',
    SuccessPolicyRule: 'succeededIndexes=1! succeededCount=2:i32!',
    UncountedTerminatedPods: 'succeeded=1:[]s failed=2:[]s',
  },
};
