import type { SchemaPart } from '../spec.js';

/**
 * autoscaling/v1 (Scale, HorizontalPodAutoscaler) and autoscaling/v2 messages.
 * Field numbers and types follow the k8s.io/api and k8s.io/apimachinery v0.32 wire format;
 * the `!` (keep zero) and `^` (inline) marks follow the Go types' pointers and JSON tags.
 * Grammar: see spec.ts.
 */
export const autoscalingTables: SchemaPart = {
  'autoscaling.v1': {
    CrossVersionObjectReference: 'kind=1! name=2! apiVersion=3',
    HorizontalPodAutoscaler:
      'metadata=1:meta.v1.ObjectMeta spec=2:HorizontalPodAutoscalerSpec status=3:HorizontalPodAutoscalerStatus',
    HorizontalPodAutoscalerSpec:
      'scaleTargetRef=1:CrossVersionObjectReference minReplicas=2:i32! maxReplicas=3:i32! ' +
      'targetCPUUtilizationPercentage=4:i32!',
    HorizontalPodAutoscalerStatus:
      'observedGeneration=1:i64! lastScaleTime=2:meta.v1.Time currentReplicas=3:i32! desiredReplicas=4:i32! ' +
      'currentCPUUtilizationPercentage=5:i32!',
    Scale: 'metadata=1:meta.v1.ObjectMeta spec=2:ScaleSpec status=3:ScaleStatus',
    ScaleSpec: 'replicas=1:i32',
    ScaleStatus: 'replicas=1:i32! selector=2',
  },
  'autoscaling.v2': {
    ContainerResourceMetricSource: 'name=1! target=2:MetricTarget container=3!',
    ContainerResourceMetricStatus: 'name=1! current=2:MetricValueStatus container=3!',
    CrossVersionObjectReference: 'kind=1! name=2! apiVersion=3',
    ExternalMetricSource: 'metric=1:MetricIdentifier target=2:MetricTarget',
    ExternalMetricStatus: 'metric=1:MetricIdentifier current=2:MetricValueStatus',
    HPAScalingPolicy: 'type=1! value=2:i32! periodSeconds=3:i32!',
    HPAScalingRules: 'stabilizationWindowSeconds=3:i32! selectPolicy=1! policies=2:[]HPAScalingPolicy',
    HorizontalPodAutoscaler:
      'metadata=1:meta.v1.ObjectMeta spec=2:HorizontalPodAutoscalerSpec status=3:HorizontalPodAutoscalerStatus',
    HorizontalPodAutoscalerBehavior: 'scaleUp=1:HPAScalingRules scaleDown=2:HPAScalingRules',
    HorizontalPodAutoscalerCondition: 'type=1! status=2! lastTransitionTime=3:meta.v1.Time reason=4 message=5',
    HorizontalPodAutoscalerSpec:
      'scaleTargetRef=1:CrossVersionObjectReference minReplicas=2:i32! maxReplicas=3:i32! ' +
      'metrics=4:[]MetricSpec behavior=5:HorizontalPodAutoscalerBehavior',
    HorizontalPodAutoscalerStatus:
      'observedGeneration=1:i64! lastScaleTime=2:meta.v1.Time currentReplicas=3:i32 desiredReplicas=4:i32! ' +
      'currentMetrics=5:[]MetricStatus conditions=6:[]HorizontalPodAutoscalerCondition',
    MetricIdentifier: 'name=1! selector=2:meta.v1.LabelSelector',
    MetricSpec:
      'type=1! object=2:ObjectMetricSource pods=3:PodsMetricSource resource=4:ResourceMetricSource ' +
      'containerResource=7:ContainerResourceMetricSource external=5:ExternalMetricSource',
    MetricStatus:
      'type=1! object=2:ObjectMetricStatus pods=3:PodsMetricStatus resource=4:ResourceMetricStatus ' +
      'containerResource=7:ContainerResourceMetricStatus external=5:ExternalMetricStatus',
    MetricTarget: 'type=1! value=2:resource.Quantity averageValue=3:resource.Quantity averageUtilization=4:i32!',
    MetricValueStatus: 'value=1:resource.Quantity averageValue=2:resource.Quantity averageUtilization=3:i32!',
    ObjectMetricSource:
      'describedObject=1:CrossVersionObjectReference target=2:MetricTarget metric=3:MetricIdentifier',
    ObjectMetricStatus:
      'metric=1:MetricIdentifier current=2:MetricValueStatus describedObject=3:CrossVersionObjectReference',
    PodsMetricSource: 'metric=1:MetricIdentifier target=2:MetricTarget',
    PodsMetricStatus: 'metric=1:MetricIdentifier current=2:MetricValueStatus',
    ResourceMetricSource: 'name=1! target=2:MetricTarget',
    ResourceMetricStatus: 'name=1! current=2:MetricValueStatus',
  },
};
