import type { SchemaPart } from '../spec.js';

/**
 * core/v1 top-level kinds and their specs/statuses apart from the pod template and volumes.
 * Field numbers and types follow the k8s.io/api and k8s.io/apimachinery v0.32 wire format;
 * the `!` (keep zero) and `^` (inline) marks follow the Go types' pointers and JSON tags.
 * Grammar: see spec.ts.
 */
export const coreTables: SchemaPart = {
  'core.v1': {
    AttachedVolume: 'name=1! devicePath=2!',
    Binding: 'metadata=1:meta.v1.ObjectMeta target=2:ObjectReference',
    ClientIPConfig: 'timeoutSeconds=1:i32!',
    ConfigMap: 'metadata=1:meta.v1.ObjectMeta immutable=4:bool! data=2:{s} binaryData=3:{bytes}',
    ConfigMapNodeConfigSource: 'namespace=1! name=2! uid=3 resourceVersion=4 kubeletConfigKey=5!',
    ContainerImage: 'names=1:[]s sizeBytes=2:i64',
    ContainerState:
      'waiting=1:ContainerStateWaiting running=2:ContainerStateRunning terminated=3:ContainerStateTerminated',
    ContainerStateRunning: 'startedAt=1:meta.v1.Time',
    ContainerStateTerminated:
      'exitCode=1:i32! signal=2:i32 reason=3 message=4 startedAt=5:meta.v1.Time finishedAt=6:meta.v1.Time ' +
      'containerID=7',
    ContainerStateWaiting: 'reason=1 message=2',
    ContainerStatus:
      'name=1! state=2:ContainerState lastState=3:ContainerState ready=4:bool! restartCount=5:i32! image=6! ' +
      'imageID=7! containerID=8 started=9:bool! allocatedResources=10:{resource.Quantity} ' +
      'resources=11:ResourceRequirements volumeMounts=12:[]VolumeMountStatus user=13:ContainerUser ' +
      'allocatedResourcesStatus=14:[]ResourceStatus',
    ContainerUser: 'linux=1:LinuxContainerUser',
    DaemonEndpoint: 'Port=1:i32!',
    EndpointAddress: 'ip=1! hostname=3 nodeName=4! targetRef=2:ObjectReference',
    EndpointPort: 'name=1 port=2:i32! protocol=3 appProtocol=4!',
    EndpointSubset: 'addresses=1:[]EndpointAddress notReadyAddresses=2:[]EndpointAddress ports=3:[]EndpointPort',
    Endpoints: 'metadata=1:meta.v1.ObjectMeta subsets=2:[]EndpointSubset',
    Event:
      'metadata=1:meta.v1.ObjectMeta involvedObject=2:ObjectReference reason=3 message=4 source=5:EventSource ' +
      'firstTimestamp=6:meta.v1.Time lastTimestamp=7:meta.v1.Time count=8:i32 type=9 ' +
      'eventTime=10:meta.v1.MicroTime series=11:EventSeries action=12 related=13:ObjectReference ' +
      'reportingComponent=14! reportingInstance=15!',
    EventSeries: 'count=1:i32 lastObservedTime=2:meta.v1.MicroTime',
    EventSource: 'component=1 host=2',
    HostIP: 'ip=1!',
    LimitRange: 'metadata=1:meta.v1.ObjectMeta spec=2:LimitRangeSpec',
    LimitRangeItem:
      'type=1! max=2:{resource.Quantity} min=3:{resource.Quantity} default=4:{resource.Quantity} ' +
      'defaultRequest=5:{resource.Quantity} maxLimitRequestRatio=6:{resource.Quantity}',
    LimitRangeSpec: 'limits=1:[]LimitRangeItem',
    LinuxContainerUser: 'uid=1:i64! gid=2:i64! supplementalGroups=3:[]i64',
    LoadBalancerIngress: 'ip=1 hostname=2 ipMode=3! ports=4:[]PortStatus',
    LoadBalancerStatus: 'ingress=1:[]LoadBalancerIngress',
    ModifyVolumeStatus: 'targetVolumeAttributesClassName=1 status=2!',
    Namespace: 'metadata=1:meta.v1.ObjectMeta spec=2:NamespaceSpec status=3:NamespaceStatus',
    NamespaceCondition: 'type=1! status=2! lastTransitionTime=4:meta.v1.Time reason=5 message=6',
    NamespaceSpec: 'finalizers=1:[]s',
    NamespaceStatus: 'phase=1 conditions=2:[]NamespaceCondition',
    Node: 'metadata=1:meta.v1.ObjectMeta spec=2:NodeSpec status=3:NodeStatus',
    NodeAddress: 'type=1! address=2!',
    NodeCondition:
      'type=1! status=2! lastHeartbeatTime=3:meta.v1.Time lastTransitionTime=4:meta.v1.Time reason=5 message=6',
    NodeConfigSource: 'configMap=2:ConfigMapNodeConfigSource',
    NodeConfigStatus:
      'assigned=1:NodeConfigSource active=2:NodeConfigSource lastKnownGood=3:NodeConfigSource error=4',
    NodeDaemonEndpoints: 'kubeletEndpoint=1:DaemonEndpoint',
    NodeFeatures: 'supplementalGroupsPolicy=1:bool!',
    NodeRuntimeHandler: 'name=1! features=2:NodeRuntimeHandlerFeatures',
    NodeRuntimeHandlerFeatures: 'recursiveReadOnlyMounts=1:bool! userNamespaces=2:bool!',
    NodeSpec:
      'podCIDR=1 podCIDRs=7:[]s providerID=3 unschedulable=4:bool taints=5:[]Taint ' +
      'configSource=6:NodeConfigSource externalID=2',
    NodeStatus:
      'capacity=1:{resource.Quantity} allocatable=2:{resource.Quantity} phase=3 conditions=4:[]NodeCondition ' +
      'addresses=5:[]NodeAddress daemonEndpoints=6:NodeDaemonEndpoints nodeInfo=7:NodeSystemInfo ' +
      'images=8:[]ContainerImage volumesInUse=9:[]s volumesAttached=10:[]AttachedVolume ' +
      'config=11:NodeConfigStatus runtimeHandlers=12:[]NodeRuntimeHandler features=13:NodeFeatures',
    NodeSystemInfo:
      'machineID=1! systemUUID=2! bootID=3! kernelVersion=4! osImage=5! containerRuntimeVersion=6! ' +
      'kubeletVersion=7! kubeProxyVersion=8! operatingSystem=9! architecture=10!',
    PersistentVolume: 'metadata=1:meta.v1.ObjectMeta spec=2:PersistentVolumeSpec status=3:PersistentVolumeStatus',
    PersistentVolumeClaim:
      'metadata=1:meta.v1.ObjectMeta spec=2:PersistentVolumeClaimSpec status=3:PersistentVolumeClaimStatus',
    PersistentVolumeClaimCondition:
      'type=1! status=2! lastProbeTime=3:meta.v1.Time lastTransitionTime=4:meta.v1.Time reason=5 message=6',
    PersistentVolumeClaimStatus:
      'phase=1 accessModes=2:[]s capacity=3:{resource.Quantity} conditions=4:[]PersistentVolumeClaimCondition ' +
      'allocatedResources=5:{resource.Quantity} allocatedResourceStatuses=7:{s} ' +
      'currentVolumeAttributesClassName=8! modifyVolumeStatus=9:ModifyVolumeStatus',
    PersistentVolumeSpec:
      'capacity=1:{resource.Quantity} persistentVolumeSource=2:PersistentVolumeSource^ accessModes=3:[]s ' +
      'claimRef=4:ObjectReference persistentVolumeReclaimPolicy=5 storageClassName=6 mountOptions=7:[]s ' +
      'volumeMode=8! nodeAffinity=9:VolumeNodeAffinity volumeAttributesClassName=10!',
    PersistentVolumeStatus: 'phase=1 message=2 reason=3 lastPhaseTransitionTime=4:meta.v1.Time',
    Pod: 'metadata=1:meta.v1.ObjectMeta spec=2:PodSpec status=3:PodStatus',
    PodCondition:
      'type=1! status=2! lastProbeTime=3:meta.v1.Time lastTransitionTime=4:meta.v1.Time reason=5 message=6',
    PodIP: 'ip=1!',
    PodResourceClaimStatus: 'name=1! resourceClaimName=2!',
    PodStatus:
      'phase=1 conditions=2:[]PodCondition message=3 reason=4 nominatedNodeName=11 hostIP=5 ' +
      'hostIPs=16:[]HostIP podIP=6 podIPs=12:[]PodIP startTime=7:meta.v1.Time ' +
      'initContainerStatuses=10:[]ContainerStatus containerStatuses=8:[]ContainerStatus qosClass=9 ' +
      'ephemeralContainerStatuses=13:[]ContainerStatus resize=14 ' +
      'resourceClaimStatuses=15:[]PodResourceClaimStatus',
    PodTemplate: 'metadata=1:meta.v1.ObjectMeta template=2:PodTemplateSpec',
    PodTemplateSpec: 'metadata=1:meta.v1.ObjectMeta spec=2:PodSpec',
    PortStatus: 'port=1:i32! protocol=2! error=3!',
    ReplicationController:
      'metadata=1:meta.v1.ObjectMeta spec=2:ReplicationControllerSpec status=3:ReplicationControllerStatus',
    ReplicationControllerCondition: 'type=1! status=2! lastTransitionTime=3:meta.v1.Time reason=4 message=5',
    ReplicationControllerSpec: 'replicas=1:i32! minReadySeconds=4:i32 selector=2:{s} template=3:PodTemplateSpec',
    ReplicationControllerStatus:
      'replicas=1:i32! fullyLabeledReplicas=2:i32 readyReplicas=4:i32 availableReplicas=5:i32 ' +
      'observedGeneration=3:i64 conditions=6:[]ReplicationControllerCondition',
    ResourceHealth: 'resourceID=1! health=2',
    ResourceQuota: 'metadata=1:meta.v1.ObjectMeta spec=2:ResourceQuotaSpec status=3:ResourceQuotaStatus',
    ResourceQuotaSpec: 'hard=1:{resource.Quantity} scopes=2:[]s scopeSelector=3:ScopeSelector',
    ResourceQuotaStatus: 'hard=1:{resource.Quantity} used=2:{resource.Quantity}',
    ResourceStatus: 'name=1! resources=2:[]ResourceHealth',
    ScopeSelector: 'matchExpressions=1:[]ScopedResourceSelectorRequirement',
    ScopedResourceSelectorRequirement: 'scopeName=1! operator=2! values=3:[]s',
    Secret: 'metadata=1:meta.v1.ObjectMeta immutable=5:bool! data=2:{bytes} stringData=4:{s} type=3',
    Service: 'metadata=1:meta.v1.ObjectMeta spec=2:ServiceSpec status=3:ServiceStatus',
    ServiceAccount:
      'metadata=1:meta.v1.ObjectMeta secrets=2:[]ObjectReference imagePullSecrets=3:[]LocalObjectReference ' +
      'automountServiceAccountToken=4:bool!',
    ServicePort: 'name=1 protocol=2 appProtocol=6! port=3:i32! targetPort=4:intstr.IntOrString nodePort=5:i32',
    ServiceSpec:
      'ports=1:[]ServicePort selector=2:{s} clusterIP=3 clusterIPs=18:[]s type=4 externalIPs=5:[]s ' +
      'sessionAffinity=7 loadBalancerIP=8 loadBalancerSourceRanges=9:[]s externalName=10 ' +
      'externalTrafficPolicy=11 healthCheckNodePort=12:i32 publishNotReadyAddresses=13:bool ' +
      'sessionAffinityConfig=14:SessionAffinityConfig ipFamilies=19:[]s ipFamilyPolicy=17! ' +
      'allocateLoadBalancerNodePorts=20:bool! loadBalancerClass=21! internalTrafficPolicy=22! ' +
      'trafficDistribution=23!',
    ServiceStatus: 'loadBalancer=1:LoadBalancerStatus conditions=2:[]meta.v1.Condition',
    SessionAffinityConfig: 'clientIP=1:ClientIPConfig',
    Taint: 'key=1! value=2 effect=3! timeAdded=4:meta.v1.Time',
    VolumeMountStatus: 'name=1! mountPath=2! readOnly=3:bool recursiveReadOnly=4!',
    VolumeNodeAffinity: 'required=1:NodeSelector',
  },
};
