import type { SchemaPart } from '../spec.js';

/**
 * networking, discovery, coordination, events, policy and scheduling v1 messages.
 * Field numbers and types follow the k8s.io/api and k8s.io/apimachinery v0.32 wire format;
 * the `!` (keep zero) and `^` (inline) marks follow the Go types' pointers and JSON tags.
 * Grammar: see spec.ts.
 */
export const networkingTables: SchemaPart = {
  'networking.v1': {
    HTTPIngressPath: 'path=1 pathType=3! backend=2:IngressBackend',
    HTTPIngressRuleValue: 'paths=1:[]HTTPIngressPath',
    IPBlock: 'cidr=1! except=2:[]s',
    Ingress: 'metadata=1:meta.v1.ObjectMeta spec=2:IngressSpec status=3:IngressStatus',
    IngressBackend: 'service=4:IngressServiceBackend resource=3:core.v1.TypedLocalObjectReference',
    IngressClass: 'metadata=1:meta.v1.ObjectMeta spec=2:IngressClassSpec',
    IngressClassParametersReference: 'aPIGroup=1@apiGroup! kind=2! name=3! scope=4! namespace=5!',
    IngressClassSpec: 'controller=1 parameters=2:IngressClassParametersReference',
    IngressLoadBalancerIngress: 'ip=1 hostname=2 ports=4:[]IngressPortStatus',
    IngressLoadBalancerStatus: 'ingress=1:[]IngressLoadBalancerIngress',
    IngressPortStatus: 'port=1:i32! protocol=2! error=3!',
    IngressRule: 'host=1 ingressRuleValue=2:IngressRuleValue^',
    IngressRuleValue: 'http=1:HTTPIngressRuleValue',
    IngressServiceBackend: 'name=1! port=2:ServiceBackendPort',
    IngressSpec: 'ingressClassName=4! defaultBackend=1:IngressBackend tls=2:[]IngressTLS rules=3:[]IngressRule',
    IngressStatus: 'loadBalancer=1:IngressLoadBalancerStatus',
    IngressTLS: 'hosts=1:[]s secretName=2',
    NetworkPolicy: 'metadata=1:meta.v1.ObjectMeta spec=2:NetworkPolicySpec',
    NetworkPolicyEgressRule: 'ports=1:[]NetworkPolicyPort to=2:[]NetworkPolicyPeer',
    NetworkPolicyIngressRule: 'ports=1:[]NetworkPolicyPort from=2:[]NetworkPolicyPeer',
    NetworkPolicyPeer:
      'podSelector=1:meta.v1.LabelSelector namespaceSelector=2:meta.v1.LabelSelector ipBlock=3:IPBlock',
    NetworkPolicyPort: 'protocol=1! port=2:intstr.IntOrString endPort=3:i32!',
    NetworkPolicySpec:
      'podSelector=1:meta.v1.LabelSelector ingress=2:[]NetworkPolicyIngressRule ' +
      'egress=3:[]NetworkPolicyEgressRule policyTypes=4:[]s',
    ServiceBackendPort: 'name=1 number=2:i32',
  },
  'discovery.v1': {
    Endpoint:
      'addresses=1:[]s conditions=2:EndpointConditions hostname=3! targetRef=4:core.v1.ObjectReference ' +
      'deprecatedTopology=5:{s} nodeName=6! zone=7! hints=8:EndpointHints',
    EndpointConditions: 'ready=1:bool! serving=2:bool! terminating=3:bool!',
    EndpointHints: 'forZones=1:[]ForZone',
    EndpointPort: 'name=1! protocol=2! port=3:i32! appProtocol=4!',
    EndpointSlice: 'metadata=1:meta.v1.ObjectMeta addressType=4! endpoints=2:[]Endpoint ports=3:[]EndpointPort',
    ForZone: 'name=1!',
  },
  'coordination.v1': {
    Lease: 'metadata=1:meta.v1.ObjectMeta spec=2:LeaseSpec',
    LeaseSpec:
      'holderIdentity=1! leaseDurationSeconds=2:i32! acquireTime=3:meta.v1.MicroTime ' +
      'renewTime=4:meta.v1.MicroTime leaseTransitions=5:i32! strategy=6! preferredHolder=7!',
  },
  'events.v1': {
    Event:
      'metadata=1:meta.v1.ObjectMeta eventTime=2:meta.v1.MicroTime series=3:EventSeries reportingController=4 ' +
      'reportingInstance=5 action=6 reason=7 regarding=8:core.v1.ObjectReference ' +
      'related=9:core.v1.ObjectReference note=10 type=11 deprecatedSource=12:core.v1.EventSource ' +
      'deprecatedFirstTimestamp=13:meta.v1.Time deprecatedLastTimestamp=14:meta.v1.Time deprecatedCount=15:i32',
    EventSeries: 'count=1:i32! lastObservedTime=2:meta.v1.MicroTime',
  },
  'policy.v1': {
    Eviction: 'metadata=1:meta.v1.ObjectMeta deleteOptions=2:meta.v1.DeleteOptions',
    PodDisruptionBudget:
      'metadata=1:meta.v1.ObjectMeta spec=2:PodDisruptionBudgetSpec status=3:PodDisruptionBudgetStatus',
    PodDisruptionBudgetSpec:
      'minAvailable=1:intstr.IntOrString selector=2:meta.v1.LabelSelector maxUnavailable=3:intstr.IntOrString ' +
      'unhealthyPodEvictionPolicy=4!',
    PodDisruptionBudgetStatus:
      'observedGeneration=1:i64 disruptedPods=2:{meta.v1.Time} disruptionsAllowed=3:i32! currentHealthy=4:i32! ' +
      'desiredHealthy=5:i32! expectedPods=6:i32! conditions=7:[]meta.v1.Condition',
  },
  'scheduling.v1': {
    PriorityClass:
      'metadata=1:meta.v1.ObjectMeta value=2:i32! globalDefault=3:bool description=4 preemptionPolicy=5!',
  },
};
