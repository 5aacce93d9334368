import type { SchemaPart } from '../spec.js';

/**
 * core/v1 messages of the pod template: containers, probes, affinity, security contexts.
 * Field numbers and types follow the k8s.io/api and k8s.io/apimachinery v0.32 wire format;
 * the `!` (keep zero) and `^` (inline) marks follow the Go types' pointers and JSON tags.
 * Grammar: see spec.ts.
 */
export const corePodTables: SchemaPart = {
  'core.v1': {
    Affinity: 'nodeAffinity=1:NodeAffinity podAffinity=2:PodAffinity podAntiAffinity=3:PodAntiAffinity',
    AppArmorProfile: 'type=1! localhostProfile=2!',
    Capabilities: 'add=1:[]s drop=2:[]s',
    ConfigMapEnvSource: 'localObjectReference=1:LocalObjectReference^ optional=2:bool!',
    ConfigMapKeySelector: 'localObjectReference=1:LocalObjectReference^ key=2! optional=3:bool!',
    Container:
      'name=1! image=2 command=3:[]s args=4:[]s workingDir=5 ports=6:[]ContainerPort ' +
      'envFrom=19:[]EnvFromSource env=7:[]EnvVar resources=8:ResourceRequirements ' +
      'resizePolicy=23:[]ContainerResizePolicy restartPolicy=24! volumeMounts=9:[]VolumeMount ' +
      'volumeDevices=21:[]VolumeDevice livenessProbe=10:Probe readinessProbe=11:Probe startupProbe=22:Probe ' +
      'lifecycle=12:Lifecycle terminationMessagePath=13 terminationMessagePolicy=20 imagePullPolicy=14 ' +
      'securityContext=15:SecurityContext stdin=16:bool stdinOnce=17:bool tty=18:bool',
    ContainerPort: 'name=1 hostPort=2:i32 containerPort=3:i32! protocol=4 hostIP=5',
    ContainerResizePolicy: 'resourceName=1! restartPolicy=2!',
    EnvFromSource: 'prefix=1 configMapRef=2:ConfigMapEnvSource secretRef=3:SecretEnvSource',
    EnvVar: 'name=1! value=2 valueFrom=3:EnvVarSource',
    EnvVarSource:
      'fieldRef=1:ObjectFieldSelector resourceFieldRef=2:ResourceFieldSelector ' +
      'configMapKeyRef=3:ConfigMapKeySelector secretKeyRef=4:SecretKeySelector',
    EphemeralContainer: 'ephemeralContainerCommon=1:EphemeralContainerCommon^ targetContainerName=2',
    EphemeralContainerCommon:
      'name=1! image=2 command=3:[]s args=4:[]s workingDir=5 ports=6:[]ContainerPort ' +
      'envFrom=19:[]EnvFromSource env=7:[]EnvVar resources=8:ResourceRequirements ' +
      'resizePolicy=23:[]ContainerResizePolicy restartPolicy=24! volumeMounts=9:[]VolumeMount ' +
      'volumeDevices=21:[]VolumeDevice livenessProbe=10:Probe readinessProbe=11:Probe startupProbe=22:Probe ' +
      'lifecycle=12:Lifecycle terminationMessagePath=13 terminationMessagePolicy=20 imagePullPolicy=14 ' +
      'securityContext=15:SecurityContext stdin=16:bool stdinOnce=17:bool tty=18:bool',
    ExecAction: 'command=1:[]s',
    GRPCAction: 'port=1:i32! service=2!',
    HTTPGetAction: 'path=1 port=2:intstr.IntOrString host=3 scheme=4 httpHeaders=5:[]HTTPHeader',
    HTTPHeader: 'name=1! value=2!',
    HostAlias: 'ip=1! hostnames=2:[]s',
    Lifecycle: 'postStart=1:LifecycleHandler preStop=2:LifecycleHandler',
    LifecycleHandler: 'exec=1:ExecAction httpGet=2:HTTPGetAction tcpSocket=3:TCPSocketAction sleep=4:SleepAction',
    NodeAffinity:
      'requiredDuringSchedulingIgnoredDuringExecution=1:NodeSelector ' +
      'preferredDuringSchedulingIgnoredDuringExecution=2:[]PreferredSchedulingTerm',
    NodeSelector: 'nodeSelectorTerms=1:[]NodeSelectorTerm',
    NodeSelectorRequirement: 'key=1! operator=2! values=3:[]s',
    NodeSelectorTerm: 'matchExpressions=1:[]NodeSelectorRequirement matchFields=2:[]NodeSelectorRequirement',
    PodAffinity:
      'requiredDuringSchedulingIgnoredDuringExecution=1:[]PodAffinityTerm ' +
      'preferredDuringSchedulingIgnoredDuringExecution=2:[]WeightedPodAffinityTerm',
    PodAffinityTerm:
      'labelSelector=1:meta.v1.LabelSelector namespaces=2:[]s topologyKey=3! ' +
      'namespaceSelector=4:meta.v1.LabelSelector matchLabelKeys=5:[]s mismatchLabelKeys=6:[]s',
    PodAntiAffinity:
      'requiredDuringSchedulingIgnoredDuringExecution=1:[]PodAffinityTerm ' +
      'preferredDuringSchedulingIgnoredDuringExecution=2:[]WeightedPodAffinityTerm',
    PodDNSConfig: 'nameservers=1:[]s searches=2:[]s options=3:[]PodDNSConfigOption',
    PodDNSConfigOption: 'name=1 value=2!',
    PodOS: 'name=1!',
    PodReadinessGate: 'conditionType=1!',
    PodResourceClaim: 'name=1! resourceClaimName=3! resourceClaimTemplateName=4!',
    PodSchedulingGate: 'name=1!',
    PodSecurityContext:
      'seLinuxOptions=1:SELinuxOptions windowsOptions=8:WindowsSecurityContextOptions runAsUser=2:i64! ' +
      'runAsGroup=6:i64! runAsNonRoot=3:bool! supplementalGroups=4:[]i64 supplementalGroupsPolicy=12! ' +
      'fsGroup=5:i64! sysctls=7:[]Sysctl fsGroupChangePolicy=9! seccompProfile=10:SeccompProfile ' +
      'appArmorProfile=11:AppArmorProfile seLinuxChangePolicy=13!',
    PodSpec:
      'volumes=1:[]Volume initContainers=20:[]Container containers=2:[]Container ' +
      'ephemeralContainers=34:[]EphemeralContainer restartPolicy=3 terminationGracePeriodSeconds=4:i64! ' +
      'activeDeadlineSeconds=5:i64! dnsPolicy=6 nodeSelector=7:{s} serviceAccountName=8 serviceAccount=9 ' +
      'automountServiceAccountToken=21:bool! nodeName=10 hostNetwork=11:bool hostPID=12:bool hostIPC=13:bool ' +
      'shareProcessNamespace=27:bool! securityContext=14:PodSecurityContext ' +
      'imagePullSecrets=15:[]LocalObjectReference hostname=16 subdomain=17 affinity=18:Affinity ' +
      'schedulerName=19 tolerations=22:[]Toleration hostAliases=23:[]HostAlias priorityClassName=24 ' +
      'priority=25:i32! dnsConfig=26:PodDNSConfig readinessGates=28:[]PodReadinessGate runtimeClassName=29! ' +
      'enableServiceLinks=30:bool! preemptionPolicy=31! overhead=32:{resource.Quantity} ' +
      'topologySpreadConstraints=33:[]TopologySpreadConstraint setHostnameAsFQDN=35:bool! os=36:PodOS ' +
      'hostUsers=37:bool! schedulingGates=38:[]PodSchedulingGate resourceClaims=39:[]PodResourceClaim ' +
      'resources=40:ResourceRequirements',
    PreferredSchedulingTerm: 'weight=1:i32! preference=2:NodeSelectorTerm',
    Probe:
      'handler=1:ProbeHandler^ initialDelaySeconds=2:i32 timeoutSeconds=3:i32 periodSeconds=4:i32 ' +
      'successThreshold=5:i32 failureThreshold=6:i32 terminationGracePeriodSeconds=7:i64!',
    ProbeHandler: 'exec=1:ExecAction httpGet=2:HTTPGetAction tcpSocket=3:TCPSocketAction grpc=4:GRPCAction',
    ResourceClaim: 'name=1! request=2',
    ResourceRequirements: 'limits=1:{resource.Quantity} requests=2:{resource.Quantity} claims=3:[]ResourceClaim',
    SELinuxOptions: 'user=1 role=2 type=3 level=4',
    SeccompProfile: 'type=1! localhostProfile=2!',
    SecretEnvSource: 'localObjectReference=1:LocalObjectReference^ optional=2:bool!',
    SecretKeySelector: 'localObjectReference=1:LocalObjectReference^ key=2! optional=3:bool!',
    SecurityContext:
      'capabilities=1:Capabilities privileged=2:bool! seLinuxOptions=3:SELinuxOptions ' +
      'windowsOptions=10:WindowsSecurityContextOptions runAsUser=4:i64! runAsGroup=8:i64! runAsNonRoot=5:bool! ' +
      'readOnlyRootFilesystem=6:bool! allowPrivilegeEscalation=7:bool! procMount=9! ' +
      'seccompProfile=11:SeccompProfile appArmorProfile=12:AppArmorProfile',
    SleepAction: 'seconds=1:i64!',
    Sysctl: 'name=1! value=2!',
    TCPSocketAction: 'port=1:intstr.IntOrString host=2',
    Toleration: 'key=1 operator=2 value=3 effect=4 tolerationSeconds=5:i64!',
    TopologySpreadConstraint:
      'maxSkew=1:i32! topologyKey=2! whenUnsatisfiable=3! labelSelector=4:meta.v1.LabelSelector ' +
      'minDomains=5:i32! nodeAffinityPolicy=6! nodeTaintsPolicy=7! matchLabelKeys=8:[]s',
    Volume: 'name=1! volumeSource=2:VolumeSource^',
    VolumeDevice: 'name=1! devicePath=2!',
    VolumeMount:
      'name=1! readOnly=2:bool recursiveReadOnly=7! mountPath=3! subPath=4 mountPropagation=5! subPathExpr=6',
    WeightedPodAffinityTerm: 'weight=1:i32! podAffinityTerm=2:PodAffinityTerm',
    WindowsSecurityContextOptions:
      'gmsaCredentialSpecName=1! gmsaCredentialSpec=2! runAsUserName=3! hostProcess=4:bool!',
  },
};
