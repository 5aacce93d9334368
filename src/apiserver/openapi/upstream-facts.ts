// Generated once from the upstream Go API types (field facts only: no documentation text).
// Facts about the upstream API types that the client-node models do not carry.
// Source: the Go API types of k8s.io/api, k8s.io/apimachinery, k8s.io/apiextensions-apiserver and
// k8s.io/kube-aggregator at v0.34.9, joined with the client-node models of dist/schema.json.

/** client-node model names by upstream definition prefix (`io.k8s.api.core.v1`). */
export const PACKAGES: Record<string, string> = {
  "io.k8s.api.admissionregistration.v1":
    "AdmissionregistrationV1ServiceReference AdmissionregistrationV1WebhookClientConfig " +
    "V1AuditAnnotation V1ExpressionWarning V1MatchCondition V1MatchResources V1MutatingWebhook " +
    "V1MutatingWebhookConfiguration V1MutatingWebhookConfigurationList V1NamedRuleWithOperations " +
    "V1ParamKind V1ParamRef V1RuleWithOperations V1TypeChecking V1ValidatingAdmissionPolicy " +
    "V1ValidatingAdmissionPolicyBinding V1ValidatingAdmissionPolicyBindingList " +
    "V1ValidatingAdmissionPolicyBindingSpec V1ValidatingAdmissionPolicyList " +
    "V1ValidatingAdmissionPolicySpec V1ValidatingAdmissionPolicyStatus V1ValidatingWebhook " +
    "V1ValidatingWebhookConfiguration V1ValidatingWebhookConfigurationList V1Validation V1Variable",
  "io.k8s.api.admissionregistration.v1alpha1":
    "V1alpha1ApplyConfiguration V1alpha1JSONPatch V1alpha1MatchResources " +
    "V1alpha1MutatingAdmissionPolicy V1alpha1MutatingAdmissionPolicyBinding " +
    "V1alpha1MutatingAdmissionPolicyBindingList V1alpha1MutatingAdmissionPolicyBindingSpec " +
    "V1alpha1MutatingAdmissionPolicyList V1alpha1MutatingAdmissionPolicySpec V1alpha1Mutation " +
    "V1alpha1NamedRuleWithOperations V1alpha1ParamKind V1alpha1ParamRef V1alpha1Variable",
  "io.k8s.api.admissionregistration.v1beta1":
    "V1beta1ApplyConfiguration V1beta1JSONPatch V1beta1MatchCondition V1beta1MatchResources " +
    "V1beta1MutatingAdmissionPolicy V1beta1MutatingAdmissionPolicyBinding " +
    "V1beta1MutatingAdmissionPolicyBindingList V1beta1MutatingAdmissionPolicyBindingSpec " +
    "V1beta1MutatingAdmissionPolicyList V1beta1MutatingAdmissionPolicySpec V1beta1Mutation " +
    "V1beta1NamedRuleWithOperations V1beta1ParamKind V1beta1ParamRef V1beta1Variable",
  "io.k8s.api.apiserverinternal.v1alpha1":
    "V1alpha1ServerStorageVersion V1alpha1StorageVersion V1alpha1StorageVersionCondition " +
    "V1alpha1StorageVersionList V1alpha1StorageVersionStatus",
  "io.k8s.api.apps.v1":
    "V1ControllerRevision V1ControllerRevisionList V1DaemonSet V1DaemonSetCondition V1DaemonSetList " +
    "V1DaemonSetSpec V1DaemonSetStatus V1DaemonSetUpdateStrategy V1Deployment V1DeploymentCondition " +
    "V1DeploymentList V1DeploymentSpec V1DeploymentStatus V1DeploymentStrategy V1ReplicaSet " +
    "V1ReplicaSetCondition V1ReplicaSetList V1ReplicaSetSpec V1ReplicaSetStatus " +
    "V1RollingUpdateDaemonSet V1RollingUpdateDeployment V1RollingUpdateStatefulSetStrategy " +
    "V1StatefulSet V1StatefulSetCondition V1StatefulSetList V1StatefulSetOrdinals " +
    "V1StatefulSetPersistentVolumeClaimRetentionPolicy V1StatefulSetSpec V1StatefulSetStatus " +
    "V1StatefulSetUpdateStrategy",
  "io.k8s.api.authentication.v1":
    "AuthenticationV1TokenRequest V1BoundObjectReference V1SelfSubjectReview " +
    "V1SelfSubjectReviewStatus V1TokenRequestSpec V1TokenRequestStatus V1TokenReview " +
    "V1TokenReviewSpec V1TokenReviewStatus V1UserInfo",
  "io.k8s.api.authorization.v1":
    "V1FieldSelectorAttributes V1LabelSelectorAttributes V1LocalSubjectAccessReview " +
    "V1NonResourceAttributes V1NonResourceRule V1ResourceAttributes V1ResourceRule " +
    "V1SelfSubjectAccessReview V1SelfSubjectAccessReviewSpec V1SelfSubjectRulesReview " +
    "V1SelfSubjectRulesReviewSpec V1SubjectAccessReview V1SubjectAccessReviewSpec " +
    "V1SubjectAccessReviewStatus V1SubjectRulesReviewStatus",
  "io.k8s.api.autoscaling.v1":
    "V1CrossVersionObjectReference V1HorizontalPodAutoscaler V1HorizontalPodAutoscalerList " +
    "V1HorizontalPodAutoscalerSpec V1HorizontalPodAutoscalerStatus V1Scale V1ScaleSpec V1ScaleStatus",
  "io.k8s.api.autoscaling.v2":
    "V2ContainerResourceMetricSource V2ContainerResourceMetricStatus V2CrossVersionObjectReference " +
    "V2ExternalMetricSource V2ExternalMetricStatus V2HPAScalingPolicy V2HPAScalingRules " +
    "V2HorizontalPodAutoscaler V2HorizontalPodAutoscalerBehavior V2HorizontalPodAutoscalerCondition " +
    "V2HorizontalPodAutoscalerList V2HorizontalPodAutoscalerSpec V2HorizontalPodAutoscalerStatus " +
    "V2MetricIdentifier V2MetricSpec V2MetricStatus V2MetricTarget V2MetricValueStatus " +
    "V2ObjectMetricSource V2ObjectMetricStatus V2PodsMetricSource V2PodsMetricStatus " +
    "V2ResourceMetricSource V2ResourceMetricStatus",
  "io.k8s.api.batch.v1":
    "V1CronJob V1CronJobList V1CronJobSpec V1CronJobStatus V1Job V1JobCondition V1JobList V1JobSpec " +
    "V1JobStatus V1JobTemplateSpec V1PodFailurePolicy V1PodFailurePolicyOnExitCodesRequirement " +
    "V1PodFailurePolicyOnPodConditionsPattern V1PodFailurePolicyRule V1SuccessPolicy " +
    "V1SuccessPolicyRule V1UncountedTerminatedPods",
  "io.k8s.api.certificates.v1":
    "V1CertificateSigningRequest V1CertificateSigningRequestCondition V1CertificateSigningRequestList " +
    "V1CertificateSigningRequestSpec V1CertificateSigningRequestStatus",
  "io.k8s.api.certificates.v1alpha1":
    "V1alpha1ClusterTrustBundle V1alpha1ClusterTrustBundleList V1alpha1ClusterTrustBundleSpec " +
    "V1alpha1PodCertificateRequest V1alpha1PodCertificateRequestList " +
    "V1alpha1PodCertificateRequestSpec V1alpha1PodCertificateRequestStatus",
  "io.k8s.api.certificates.v1beta1":
    "V1beta1ClusterTrustBundle V1beta1ClusterTrustBundleList V1beta1ClusterTrustBundleSpec",
  "io.k8s.api.coordination.v1":
    "V1Lease V1LeaseList V1LeaseSpec",
  "io.k8s.api.coordination.v1alpha2":
    "V1alpha2LeaseCandidate V1alpha2LeaseCandidateList V1alpha2LeaseCandidateSpec",
  "io.k8s.api.coordination.v1beta1":
    "V1beta1LeaseCandidate V1beta1LeaseCandidateList V1beta1LeaseCandidateSpec",
  "io.k8s.api.core.v1":
    "CoreV1EndpointPort CoreV1Event CoreV1EventList CoreV1EventSeries CoreV1ResourceClaim " +
    "V1AWSElasticBlockStoreVolumeSource V1Affinity V1AppArmorProfile V1AttachedVolume " +
    "V1AzureDiskVolumeSource V1AzureFilePersistentVolumeSource V1AzureFileVolumeSource V1Binding " +
    "V1CSIPersistentVolumeSource V1CSIVolumeSource V1Capabilities V1CephFSPersistentVolumeSource " +
    "V1CephFSVolumeSource V1CinderPersistentVolumeSource V1CinderVolumeSource V1ClientIPConfig " +
    "V1ClusterTrustBundleProjection V1ComponentCondition V1ComponentStatus V1ComponentStatusList " +
    "V1ConfigMap V1ConfigMapEnvSource V1ConfigMapKeySelector V1ConfigMapList " +
    "V1ConfigMapNodeConfigSource V1ConfigMapProjection V1ConfigMapVolumeSource V1Container " +
    "V1ContainerExtendedResourceRequest V1ContainerImage V1ContainerPort V1ContainerResizePolicy " +
    "V1ContainerRestartRule V1ContainerRestartRuleOnExitCodes V1ContainerState " +
    "V1ContainerStateRunning V1ContainerStateTerminated V1ContainerStateWaiting V1ContainerStatus " +
    "V1ContainerUser V1DaemonEndpoint V1DownwardAPIProjection V1DownwardAPIVolumeFile " +
    "V1DownwardAPIVolumeSource V1EmptyDirVolumeSource V1EndpointAddress V1EndpointSubset V1Endpoints " +
    "V1EndpointsList V1EnvFromSource V1EnvVar V1EnvVarSource V1EphemeralContainer " +
    "V1EphemeralVolumeSource V1EventSource V1ExecAction V1FCVolumeSource V1FileKeySelector " +
    "V1FlexPersistentVolumeSource V1FlexVolumeSource V1FlockerVolumeSource " +
    "V1GCEPersistentDiskVolumeSource V1GRPCAction V1GitRepoVolumeSource " +
    "V1GlusterfsPersistentVolumeSource V1GlusterfsVolumeSource V1HTTPGetAction V1HTTPHeader " +
    "V1HostAlias V1HostIP V1HostPathVolumeSource V1ISCSIPersistentVolumeSource V1ISCSIVolumeSource " +
    "V1ImageVolumeSource V1KeyToPath V1Lifecycle V1LifecycleHandler V1LimitRange V1LimitRangeItem " +
    "V1LimitRangeList V1LimitRangeSpec V1LinuxContainerUser V1LoadBalancerIngress " +
    "V1LoadBalancerStatus V1LocalObjectReference V1LocalVolumeSource V1ModifyVolumeStatus " +
    "V1NFSVolumeSource V1Namespace V1NamespaceCondition V1NamespaceList V1NamespaceSpec " +
    "V1NamespaceStatus V1Node V1NodeAddress V1NodeAffinity V1NodeCondition V1NodeConfigSource " +
    "V1NodeConfigStatus V1NodeDaemonEndpoints V1NodeFeatures V1NodeList V1NodeRuntimeHandler " +
    "V1NodeRuntimeHandlerFeatures V1NodeSelector V1NodeSelectorRequirement V1NodeSelectorTerm " +
    "V1NodeSpec V1NodeStatus V1NodeSwapStatus V1NodeSystemInfo V1ObjectFieldSelector " +
    "V1ObjectReference V1PersistentVolume V1PersistentVolumeClaim V1PersistentVolumeClaimCondition " +
    "V1PersistentVolumeClaimList V1PersistentVolumeClaimSpec V1PersistentVolumeClaimStatus " +
    "V1PersistentVolumeClaimTemplate V1PersistentVolumeClaimVolumeSource V1PersistentVolumeList " +
    "V1PersistentVolumeSpec V1PersistentVolumeStatus V1PhotonPersistentDiskVolumeSource V1Pod " +
    "V1PodAffinity V1PodAffinityTerm V1PodAntiAffinity V1PodCertificateProjection V1PodCondition " +
    "V1PodDNSConfig V1PodDNSConfigOption V1PodExtendedResourceClaimStatus V1PodIP V1PodList V1PodOS " +
    "V1PodReadinessGate V1PodResourceClaim V1PodResourceClaimStatus V1PodSchedulingGate " +
    "V1PodSecurityContext V1PodSpec V1PodStatus V1PodTemplate V1PodTemplateList V1PodTemplateSpec " +
    "V1PortStatus V1PortworxVolumeSource V1PreferredSchedulingTerm V1Probe V1ProjectedVolumeSource " +
    "V1QuobyteVolumeSource V1RBDPersistentVolumeSource V1RBDVolumeSource V1ReplicationController " +
    "V1ReplicationControllerCondition V1ReplicationControllerList V1ReplicationControllerSpec " +
    "V1ReplicationControllerStatus V1ResourceFieldSelector V1ResourceHealth V1ResourceQuota " +
    "V1ResourceQuotaList V1ResourceQuotaSpec V1ResourceQuotaStatus V1ResourceRequirements " +
    "V1ResourceStatus V1SELinuxOptions V1ScaleIOPersistentVolumeSource V1ScaleIOVolumeSource " +
    "V1ScopeSelector V1ScopedResourceSelectorRequirement V1SeccompProfile V1Secret V1SecretEnvSource " +
    "V1SecretKeySelector V1SecretList V1SecretProjection V1SecretReference V1SecretVolumeSource " +
    "V1SecurityContext V1Service V1ServiceAccount V1ServiceAccountList " +
    "V1ServiceAccountTokenProjection V1ServiceList V1ServicePort V1ServiceSpec V1ServiceStatus " +
    "V1SessionAffinityConfig V1SleepAction V1StorageOSPersistentVolumeSource V1StorageOSVolumeSource " +
    "V1Sysctl V1TCPSocketAction V1Taint V1Toleration V1TopologySelectorLabelRequirement " +
    "V1TopologySelectorTerm V1TopologySpreadConstraint V1TypedLocalObjectReference " +
    "V1TypedObjectReference V1Volume V1VolumeDevice V1VolumeMount V1VolumeMountStatus " +
    "V1VolumeNodeAffinity V1VolumeProjection V1VolumeResourceRequirements " +
    "V1VsphereVirtualDiskVolumeSource V1WeightedPodAffinityTerm V1WindowsSecurityContextOptions",
  "io.k8s.api.discovery.v1":
    "DiscoveryV1EndpointPort V1Endpoint V1EndpointConditions V1EndpointHints V1EndpointSlice " +
    "V1EndpointSliceList V1ForNode V1ForZone",
  "io.k8s.api.events.v1":
    "EventsV1Event EventsV1EventList EventsV1EventSeries",
  "io.k8s.api.flowcontrol.v1":
    "FlowcontrolV1Subject V1ExemptPriorityLevelConfiguration V1FlowDistinguisherMethod V1FlowSchema " +
    "V1FlowSchemaCondition V1FlowSchemaList V1FlowSchemaSpec V1FlowSchemaStatus V1GroupSubject " +
    "V1LimitResponse V1LimitedPriorityLevelConfiguration V1NonResourcePolicyRule " +
    "V1PolicyRulesWithSubjects V1PriorityLevelConfiguration V1PriorityLevelConfigurationCondition " +
    "V1PriorityLevelConfigurationList V1PriorityLevelConfigurationReference " +
    "V1PriorityLevelConfigurationSpec V1PriorityLevelConfigurationStatus V1QueuingConfiguration " +
    "V1ResourcePolicyRule V1ServiceAccountSubject V1UserSubject",
  "io.k8s.api.networking.v1":
    "V1HTTPIngressPath V1HTTPIngressRuleValue V1IPAddress V1IPAddressList V1IPAddressSpec V1IPBlock " +
    "V1Ingress V1IngressBackend V1IngressClass V1IngressClassList V1IngressClassParametersReference " +
    "V1IngressClassSpec V1IngressList V1IngressLoadBalancerIngress V1IngressLoadBalancerStatus " +
    "V1IngressPortStatus V1IngressRule V1IngressServiceBackend V1IngressSpec V1IngressStatus " +
    "V1IngressTLS V1NetworkPolicy V1NetworkPolicyEgressRule V1NetworkPolicyIngressRule " +
    "V1NetworkPolicyList V1NetworkPolicyPeer V1NetworkPolicyPort V1NetworkPolicySpec " +
    "V1ParentReference V1ServiceBackendPort V1ServiceCIDR V1ServiceCIDRList V1ServiceCIDRSpec " +
    "V1ServiceCIDRStatus",
  "io.k8s.api.networking.v1beta1":
    "V1beta1IPAddress V1beta1IPAddressList V1beta1IPAddressSpec V1beta1ParentReference " +
    "V1beta1ServiceCIDR V1beta1ServiceCIDRList V1beta1ServiceCIDRSpec V1beta1ServiceCIDRStatus",
  "io.k8s.api.node.v1":
    "V1Overhead V1RuntimeClass V1RuntimeClassList V1Scheduling",
  "io.k8s.api.policy.v1":
    "V1Eviction V1PodDisruptionBudget V1PodDisruptionBudgetList V1PodDisruptionBudgetSpec " +
    "V1PodDisruptionBudgetStatus",
  "io.k8s.api.rbac.v1":
    "RbacV1Subject V1AggregationRule V1ClusterRole V1ClusterRoleBinding V1ClusterRoleBindingList " +
    "V1ClusterRoleList V1PolicyRule V1Role V1RoleBinding V1RoleBindingList V1RoleList V1RoleRef",
  "io.k8s.api.resource.v1":
    "ResourceV1ResourceClaim V1AllocatedDeviceStatus V1AllocationResult V1CELDeviceSelector " +
    "V1CapacityRequestPolicy V1CapacityRequestPolicyRange V1CapacityRequirements V1Counter " +
    "V1CounterSet V1Device V1DeviceAllocationConfiguration V1DeviceAllocationResult V1DeviceAttribute " +
    "V1DeviceCapacity V1DeviceClaim V1DeviceClaimConfiguration V1DeviceClass " +
    "V1DeviceClassConfiguration V1DeviceClassList V1DeviceClassSpec V1DeviceConstraint " +
    "V1DeviceCounterConsumption V1DeviceRequest V1DeviceRequestAllocationResult V1DeviceSelector " +
    "V1DeviceSubRequest V1DeviceTaint V1DeviceToleration V1ExactDeviceRequest V1NetworkDeviceData " +
    "V1OpaqueDeviceConfiguration V1ResourceClaimConsumerReference V1ResourceClaimList " +
    "V1ResourceClaimSpec V1ResourceClaimStatus V1ResourceClaimTemplate V1ResourceClaimTemplateList " +
    "V1ResourceClaimTemplateSpec V1ResourcePool V1ResourceSlice V1ResourceSliceList " +
    "V1ResourceSliceSpec",
  "io.k8s.api.resource.v1alpha3":
    "V1alpha3CELDeviceSelector V1alpha3DeviceSelector V1alpha3DeviceTaint V1alpha3DeviceTaintRule " +
    "V1alpha3DeviceTaintRuleList V1alpha3DeviceTaintRuleSpec V1alpha3DeviceTaintSelector",
  "io.k8s.api.resource.v1beta1":
    "V1beta1AllocatedDeviceStatus V1beta1AllocationResult V1beta1BasicDevice V1beta1CELDeviceSelector " +
    "V1beta1CapacityRequestPolicy V1beta1CapacityRequestPolicyRange V1beta1CapacityRequirements " +
    "V1beta1Counter V1beta1CounterSet V1beta1Device V1beta1DeviceAllocationConfiguration " +
    "V1beta1DeviceAllocationResult V1beta1DeviceAttribute V1beta1DeviceCapacity V1beta1DeviceClaim " +
    "V1beta1DeviceClaimConfiguration V1beta1DeviceClass V1beta1DeviceClassConfiguration " +
    "V1beta1DeviceClassList V1beta1DeviceClassSpec V1beta1DeviceConstraint " +
    "V1beta1DeviceCounterConsumption V1beta1DeviceRequest V1beta1DeviceRequestAllocationResult " +
    "V1beta1DeviceSelector V1beta1DeviceSubRequest V1beta1DeviceTaint V1beta1DeviceToleration " +
    "V1beta1NetworkDeviceData V1beta1OpaqueDeviceConfiguration V1beta1ResourceClaim " +
    "V1beta1ResourceClaimConsumerReference V1beta1ResourceClaimList V1beta1ResourceClaimSpec " +
    "V1beta1ResourceClaimStatus V1beta1ResourceClaimTemplate V1beta1ResourceClaimTemplateList " +
    "V1beta1ResourceClaimTemplateSpec V1beta1ResourcePool V1beta1ResourceSlice " +
    "V1beta1ResourceSliceList V1beta1ResourceSliceSpec",
  "io.k8s.api.resource.v1beta2":
    "V1beta2AllocatedDeviceStatus V1beta2AllocationResult V1beta2CELDeviceSelector " +
    "V1beta2CapacityRequestPolicy V1beta2CapacityRequestPolicyRange V1beta2CapacityRequirements " +
    "V1beta2Counter V1beta2CounterSet V1beta2Device V1beta2DeviceAllocationConfiguration " +
    "V1beta2DeviceAllocationResult V1beta2DeviceAttribute V1beta2DeviceCapacity V1beta2DeviceClaim " +
    "V1beta2DeviceClaimConfiguration V1beta2DeviceClass V1beta2DeviceClassConfiguration " +
    "V1beta2DeviceClassList V1beta2DeviceClassSpec V1beta2DeviceConstraint " +
    "V1beta2DeviceCounterConsumption V1beta2DeviceRequest V1beta2DeviceRequestAllocationResult " +
    "V1beta2DeviceSelector V1beta2DeviceSubRequest V1beta2DeviceTaint V1beta2DeviceToleration " +
    "V1beta2ExactDeviceRequest V1beta2NetworkDeviceData V1beta2OpaqueDeviceConfiguration " +
    "V1beta2ResourceClaim V1beta2ResourceClaimConsumerReference V1beta2ResourceClaimList " +
    "V1beta2ResourceClaimSpec V1beta2ResourceClaimStatus V1beta2ResourceClaimTemplate " +
    "V1beta2ResourceClaimTemplateList V1beta2ResourceClaimTemplateSpec V1beta2ResourcePool " +
    "V1beta2ResourceSlice V1beta2ResourceSliceList V1beta2ResourceSliceSpec",
  "io.k8s.api.scheduling.v1":
    "V1PriorityClass V1PriorityClassList",
  "io.k8s.api.storage.v1":
    "StorageV1TokenRequest V1CSIDriver V1CSIDriverList V1CSIDriverSpec V1CSINode V1CSINodeDriver " +
    "V1CSINodeList V1CSINodeSpec V1CSIStorageCapacity V1CSIStorageCapacityList V1StorageClass " +
    "V1StorageClassList V1VolumeAttachment V1VolumeAttachmentList V1VolumeAttachmentSource " +
    "V1VolumeAttachmentSpec V1VolumeAttachmentStatus V1VolumeAttributesClass " +
    "V1VolumeAttributesClassList V1VolumeError V1VolumeNodeResources",
  "io.k8s.api.storage.v1alpha1":
    "V1alpha1VolumeAttributesClass V1alpha1VolumeAttributesClassList",
  "io.k8s.api.storage.v1beta1":
    "V1beta1VolumeAttributesClass V1beta1VolumeAttributesClassList",
  "io.k8s.api.storagemigration.v1alpha1":
    "V1alpha1GroupVersionResource V1alpha1MigrationCondition V1alpha1StorageVersionMigration " +
    "V1alpha1StorageVersionMigrationList V1alpha1StorageVersionMigrationSpec " +
    "V1alpha1StorageVersionMigrationStatus",
  "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1":
    "ApiextensionsV1ServiceReference ApiextensionsV1WebhookClientConfig " +
    "V1CustomResourceColumnDefinition V1CustomResourceConversion V1CustomResourceDefinition " +
    "V1CustomResourceDefinitionCondition V1CustomResourceDefinitionList " +
    "V1CustomResourceDefinitionNames V1CustomResourceDefinitionSpec V1CustomResourceDefinitionStatus " +
    "V1CustomResourceDefinitionVersion V1CustomResourceSubresourceScale V1CustomResourceSubresources " +
    "V1CustomResourceValidation V1ExternalDocumentation V1JSONSchemaProps V1SelectableField " +
    "V1ValidationRule V1WebhookConversion",
  "io.k8s.apimachinery.pkg.apis.meta.v1":
    "V1APIGroup V1APIGroupList V1APIResource V1APIResourceList V1APIVersions V1Condition " +
    "V1DeleteOptions V1FieldSelectorRequirement V1GroupVersionForDiscovery V1LabelSelector " +
    "V1LabelSelectorRequirement V1ListMeta V1ManagedFieldsEntry V1ObjectMeta V1OwnerReference " +
    "V1Preconditions V1ServerAddressByClientCIDR V1Status V1StatusCause V1StatusDetails V1WatchEvent",
  "io.k8s.kube-aggregator.pkg.apis.apiregistration.v1":
    "ApiregistrationV1ServiceReference V1APIService V1APIServiceCondition V1APIServiceList " +
    "V1APIServiceSpec V1APIServiceStatus",
};

/**
 * Field facts by model and JSON field name, `;`-separated: ps= patch strategy, pk= patch merge key,
 * lt= list type, lk= list map keys, mt= map type, r= opaque definition of the value (or of its items),
 * en= enum values, df= explicit default (JSON), z= zero-value default, zi= zero-value default of items.
 */
export const FIELD_FACTS: Record<string, Record<string, string>> = {
  AdmissionregistrationV1ServiceReference: { name: "z", namespace: "z" },
  ApiextensionsV1ServiceReference: { name: "z", namespace: "z" },
  AuthenticationV1TokenRequest: { metadata: "z", spec: "z", status: "z" },
  CoreV1EndpointPort: { port: "z", protocol: "en=SCTP,TCP,UDP" },
  CoreV1Event: {
    eventTime: "r=MicroTime", involvedObject: "z", metadata: "z", reportingComponent: "z",
    reportingInstance: "z", source: "z",
  },
  CoreV1EventList: { items: "zi", metadata: "z" },
  CoreV1EventSeries: { lastObservedTime: "r=MicroTime" },
  CoreV1ResourceClaim: { name: "z" },
  DiscoveryV1EndpointPort: { protocol: "en=SCTP,TCP,UDP" },
  EventsV1Event: {
    deprecatedSource: "z", eventTime: "r=MicroTime", metadata: "z", regarding: "z",
  },
  EventsV1EventList: { items: "zi", metadata: "z" },
  EventsV1EventSeries: { count: "z", lastObservedTime: "r=MicroTime" },
  FlowcontrolV1Subject: { kind: "z" },
  RbacV1Subject: { kind: "z", name: "z" },
  ResourceV1ResourceClaim: { metadata: "z", spec: "z", status: "z" },
  StorageV1TokenRequest: { audience: "z" },
  V1APIGroup: {
    name: "z", preferredVersion: "z", serverAddressByClientCIDRs: "lt=atomic;zi",
    versions: "lt=atomic;zi",
  },
  V1APIGroupList: { groups: "lt=atomic;zi" },
  V1APIResource: {
    categories: "lt=atomic;zi", kind: "z", name: "z", namespaced: "z", shortNames: "lt=atomic;zi",
    singularName: "z", verbs: "zi",
  },
  V1APIResourceList: { groupVersion: "z", resources: "lt=atomic;zi" },
  V1APIService: { metadata: "z", spec: "z", status: "z" },
  V1APIServiceCondition: { status: "z", type: "z" },
  V1APIServiceList: { items: "zi", metadata: "z" },
  V1APIServiceSpec: { caBundle: "lt=atomic", groupPriorityMinimum: "z", versionPriority: "z" },
  V1APIServiceStatus: { conditions: "ps=merge;pk=type;lt=map;lk=type;zi" },
  V1APIVersions: { serverAddressByClientCIDRs: "lt=atomic;zi", versions: "lt=atomic;zi" },
  V1AWSElasticBlockStoreVolumeSource: { volumeID: "z" },
  V1AggregationRule: { clusterRoleSelectors: "lt=atomic;zi" },
  V1AllocatedDeviceStatus: {
    conditions: "lt=map;lk=type;zi", data: "r=RawExtension", device: "z", driver: "z", pool: "z",
  },
  V1AllocationResult: { devices: "z" },
  V1AppArmorProfile: { type: "en=Localhost,RuntimeDefault,Unconfined;z" },
  V1AttachedVolume: { devicePath: "z", name: "z" },
  V1AuditAnnotation: { key: "z", valueExpression: "z" },
  V1AzureDiskVolumeSource: {
    cachingMode: "en=None,ReadOnly,ReadWrite;df=\"ReadWrite\"", diskName: "z", diskURI: "z",
    fsType: "df=\"ext4\"", kind: "en=Dedicated,Managed,Shared;df=\"Shared\"", readOnly: "df=false",
  },
  V1AzureFilePersistentVolumeSource: { secretName: "z", shareName: "z" },
  V1AzureFileVolumeSource: { secretName: "z", shareName: "z" },
  V1Binding: { metadata: "z", target: "z" },
  V1CELDeviceSelector: { expression: "z" },
  V1CSIDriver: { metadata: "z", spec: "z" },
  V1CSIDriverList: { items: "zi", metadata: "z" },
  V1CSIDriverSpec: { tokenRequests: "lt=atomic;zi", volumeLifecycleModes: "lt=set;zi" },
  V1CSINode: { metadata: "z", spec: "z" },
  V1CSINodeDriver: { name: "z", nodeID: "z", topologyKeys: "lt=atomic;zi" },
  V1CSINodeList: { items: "zi", metadata: "z" },
  V1CSINodeSpec: { drivers: "ps=merge;pk=name;lt=map;lk=name;zi" },
  V1CSIPersistentVolumeSource: { driver: "z", volumeAttributes: "zi", volumeHandle: "z" },
  V1CSIStorageCapacity: {
    capacity: "r=Quantity", maximumVolumeSize: "r=Quantity", metadata: "z", storageClassName: "z",
  },
  V1CSIStorageCapacityList: { items: "zi", metadata: "z" },
  V1CSIVolumeSource: { driver: "z", volumeAttributes: "zi" },
  V1Capabilities: { add: "lt=atomic;zi", drop: "lt=atomic;zi" },
  V1CapacityRequestPolicy: { default: "r=Quantity", validValues: "lt=atomic;r=Quantity" },
  V1CapacityRequestPolicyRange: { max: "r=Quantity", min: "r=Quantity", step: "r=Quantity" },
  V1CapacityRequirements: { requests: "r=Quantity" },
  V1CephFSPersistentVolumeSource: { monitors: "lt=atomic;zi" },
  V1CephFSVolumeSource: { monitors: "lt=atomic;zi" },
  V1CertificateSigningRequest: { metadata: "z", spec: "z", status: "z" },
  V1CertificateSigningRequestCondition: { status: "z", type: "z" },
  V1CertificateSigningRequestList: { items: "zi", metadata: "z" },
  V1CertificateSigningRequestSpec: {
    groups: "lt=atomic;zi", request: "lt=atomic", signerName: "z",
    usages: "lt=atomic;en=any,cert sign,client auth,code signing,content commitment,crl sign,data encipherment,decipher only,digital signature,email protection,encipher only,ipsec end system,ipsec tunnel,ipsec user,key agreement,key encipherment,microsoft sgc,netscape sgc,ocsp signing,s/mime,server auth,signing,timestamping;zi",
  },
  V1CertificateSigningRequestStatus: {
    certificate: "lt=atomic", conditions: "lt=map;lk=type;zi",
  },
  V1CinderPersistentVolumeSource: { volumeID: "z" },
  V1CinderVolumeSource: { volumeID: "z" },
  V1ClusterRole: { metadata: "z", rules: "lt=atomic;zi" },
  V1ClusterRoleBinding: { metadata: "z", roleRef: "z", subjects: "lt=atomic;zi" },
  V1ClusterRoleBindingList: { items: "zi", metadata: "z" },
  V1ClusterRoleList: { items: "zi", metadata: "z" },
  V1ClusterTrustBundleProjection: { path: "z" },
  V1ComponentCondition: { status: "z", type: "z" },
  V1ComponentStatus: { conditions: "ps=merge;pk=type;lt=map;lk=type;zi", metadata: "z" },
  V1ComponentStatusList: { items: "zi", metadata: "z" },
  V1Condition: { message: "z", reason: "z", status: "z", type: "z" },
  V1ConfigMap: { data: "zi", metadata: "z" },
  V1ConfigMapEnvSource: { name: "df=\"\"" },
  V1ConfigMapKeySelector: { key: "z", name: "df=\"\"" },
  V1ConfigMapList: { items: "zi", metadata: "z" },
  V1ConfigMapNodeConfigSource: { kubeletConfigKey: "z", name: "z", namespace: "z" },
  V1ConfigMapProjection: { items: "lt=atomic;zi", name: "df=\"\"" },
  V1ConfigMapVolumeSource: { items: "lt=atomic;zi", name: "df=\"\"" },
  V1Container: {
    args: "lt=atomic;zi", command: "lt=atomic;zi", env: "ps=merge;pk=name;lt=map;lk=name;zi",
    envFrom: "lt=atomic;zi", imagePullPolicy: "en=Always,IfNotPresent,Never", name: "z",
    ports: "ps=merge;pk=containerPort;lt=map;lk=containerPort,protocol;zi",
    resizePolicy: "lt=atomic;zi", resources: "z", restartPolicyRules: "lt=atomic;zi",
    terminationMessagePolicy: "en=FallbackToLogsOnError,File",
    volumeDevices: "ps=merge;pk=devicePath;lt=map;lk=devicePath;zi",
    volumeMounts: "ps=merge;pk=mountPath;lt=map;lk=mountPath;zi",
  },
  V1ContainerExtendedResourceRequest: {
    containerName: "z", requestName: "z", resourceName: "z",
  },
  V1ContainerImage: { names: "lt=atomic;zi" },
  V1ContainerPort: { containerPort: "z", protocol: "en=SCTP,TCP,UDP;df=\"TCP\"" },
  V1ContainerResizePolicy: { resourceName: "z", restartPolicy: "z" },
  V1ContainerRestartRuleOnExitCodes: { values: "lt=set;zi" },
  V1ContainerStateTerminated: { exitCode: "z" },
  V1ContainerStatus: {
    allocatedResources: "r=Quantity",
    allocatedResourcesStatus: "ps=merge;pk=name;lt=map;lk=name;zi", image: "z", imageID: "z",
    lastState: "z", name: "z", ready: "z", restartCount: "z", state: "z",
    stopSignal: "en=SIGABRT,SIGALRM,SIGBUS,SIGCHLD,SIGCLD,SIGCONT,SIGFPE,SIGHUP,SIGILL,SIGINT,SIGIO,SIGIOT,SIGKILL,SIGPIPE,SIGPOLL,SIGPROF,SIGPWR,SIGQUIT,SIGRTMAX,SIGRTMAX-1,SIGRTMAX-10,SIGRTMAX-11,SIGRTMAX-12,SIGRTMAX-13,SIGRTMAX-14,SIGRTMAX-2,SIGRTMAX-3,SIGRTMAX-4,SIGRTMAX-5,SIGRTMAX-6,SIGRTMAX-7,SIGRTMAX-8,SIGRTMAX-9,SIGRTMIN,SIGRTMIN+1,SIGRTMIN+10,SIGRTMIN+11,SIGRTMIN+12,SIGRTMIN+13,SIGRTMIN+14,SIGRTMIN+15,SIGRTMIN+2,SIGRTMIN+3,SIGRTMIN+4,SIGRTMIN+5,SIGRTMIN+6,SIGRTMIN+7,SIGRTMIN+8,SIGRTMIN+9,SIGSEGV,SIGSTKFLT,SIGSTOP,SIGSYS,SIGTERM,SIGTRAP,SIGTSTP,SIGTTIN,SIGTTOU,SIGURG,SIGUSR1,SIGUSR2,SIGVTALRM,SIGWINCH,SIGXCPU,SIGXFSZ",
    volumeMounts: "ps=merge;pk=mountPath;lt=map;lk=mountPath;zi",
  },
  V1ControllerRevision: { data: "r=RawExtension", metadata: "z", revision: "z" },
  V1ControllerRevisionList: { items: "zi", metadata: "z" },
  V1Counter: { value: "r=Quantity" },
  V1CounterSet: { counters: "zi", name: "z" },
  V1CronJob: { metadata: "z", spec: "z", status: "z" },
  V1CronJobList: { items: "zi", metadata: "z" },
  V1CronJobSpec: {
    concurrencyPolicy: "en=Allow,Forbid,Replace", jobTemplate: "z", schedule: "z",
  },
  V1CronJobStatus: { active: "lt=atomic;zi" },
  V1CrossVersionObjectReference: { kind: "z", name: "z" },
  V1CustomResourceColumnDefinition: { jsonPath: "z", name: "z", type: "z" },
  V1CustomResourceConversion: { strategy: "z" },
  V1CustomResourceDefinition: { metadata: "z", spec: "z", status: "z" },
  V1CustomResourceDefinitionCondition: { status: "z", type: "z" },
  V1CustomResourceDefinitionList: { items: "zi", metadata: "z" },
  V1CustomResourceDefinitionNames: {
    categories: "lt=atomic;zi", kind: "z", plural: "z", shortNames: "lt=atomic;zi",
  },
  V1CustomResourceDefinitionSpec: {
    group: "z", names: "z", scope: "z", versions: "lt=atomic;zi",
  },
  V1CustomResourceDefinitionStatus: {
    acceptedNames: "z", conditions: "lt=map;lk=type;zi", storedVersions: "lt=atomic;zi",
  },
  V1CustomResourceDefinitionVersion: {
    additionalPrinterColumns: "lt=atomic;zi", name: "z", selectableFields: "lt=atomic;zi",
    served: "z", storage: "z",
  },
  V1CustomResourceSubresourceScale: { specReplicasPath: "z", statusReplicasPath: "z" },
  V1DaemonEndpoint: { Port: "z" },
  V1DaemonSet: { metadata: "z", spec: "z", status: "z" },
  V1DaemonSetCondition: { status: "z", type: "z" },
  V1DaemonSetList: { items: "zi", metadata: "z" },
  V1DaemonSetSpec: { template: "z", updateStrategy: "z" },
  V1DaemonSetStatus: {
    conditions: "ps=merge;pk=type;lt=map;lk=type;zi", currentNumberScheduled: "z",
    desiredNumberScheduled: "z", numberMisscheduled: "z", numberReady: "z",
  },
  V1DaemonSetUpdateStrategy: { type: "en=OnDelete,RollingUpdate" },
  V1DeleteOptions: { dryRun: "lt=atomic;zi" },
  V1Deployment: { metadata: "z", spec: "z", status: "z" },
  V1DeploymentCondition: { status: "z", type: "z" },
  V1DeploymentList: { items: "zi", metadata: "z" },
  V1DeploymentSpec: { strategy: "ps=retainKeys;z", template: "z" },
  V1DeploymentStatus: { conditions: "ps=merge;pk=type;lt=map;lk=type;zi" },
  V1DeploymentStrategy: { type: "en=Recreate,RollingUpdate" },
  V1Device: {
    attributes: "zi", bindingConditions: "lt=atomic;zi", bindingFailureConditions: "lt=atomic;zi",
    capacity: "zi", consumesCounters: "lt=atomic;zi", name: "z", taints: "lt=atomic;zi",
  },
  V1DeviceAllocationConfiguration: { requests: "lt=atomic;zi", source: "z" },
  V1DeviceAllocationResult: { config: "lt=atomic;zi", results: "lt=atomic;zi" },
  V1DeviceCapacity: { value: "r=Quantity" },
  V1DeviceClaim: {
    config: "lt=atomic;zi", constraints: "lt=atomic;zi", requests: "lt=atomic;zi",
  },
  V1DeviceClaimConfiguration: { requests: "lt=atomic;zi" },
  V1DeviceClass: { metadata: "z", spec: "z" },
  V1DeviceClassList: { items: "zi", metadata: "z" },
  V1DeviceClassSpec: { config: "lt=atomic;zi", selectors: "lt=atomic;zi" },
  V1DeviceConstraint: { requests: "lt=atomic;zi" },
  V1DeviceCounterConsumption: { counterSet: "z", counters: "zi" },
  V1DeviceRequest: { firstAvailable: "lt=atomic;zi", name: "z" },
  V1DeviceRequestAllocationResult: {
    bindingConditions: "lt=atomic;zi", bindingFailureConditions: "lt=atomic;zi",
    consumedCapacity: "r=Quantity", device: "z", driver: "z", pool: "z", request: "z",
    tolerations: "lt=atomic;zi",
  },
  V1DeviceSubRequest: {
    deviceClassName: "z", name: "z", selectors: "lt=atomic;zi", tolerations: "lt=atomic;zi",
  },
  V1DeviceTaint: { effect: "en=NoExecute,NoSchedule;z", key: "z" },
  V1DeviceToleration: {
    effect: "en=NoExecute,NoSchedule", operator: "en=Equal,Exists;df=\"Equal\"",
  },
  V1DownwardAPIProjection: { items: "lt=atomic;zi" },
  V1DownwardAPIVolumeFile: { path: "z" },
  V1DownwardAPIVolumeSource: { items: "lt=atomic;zi" },
  V1EmptyDirVolumeSource: { sizeLimit: "r=Quantity" },
  V1Endpoint: { addresses: "lt=set;zi", conditions: "z", deprecatedTopology: "zi" },
  V1EndpointAddress: { ip: "z" },
  V1EndpointHints: { forNodes: "lt=atomic;zi", forZones: "lt=atomic;zi" },
  V1EndpointSlice: {
    addressType: "en=FQDN;z", endpoints: "lt=atomic;zi", metadata: "z", ports: "lt=atomic;zi",
  },
  V1EndpointSliceList: { items: "zi", metadata: "z" },
  V1EndpointSubset: {
    addresses: "lt=atomic;zi", notReadyAddresses: "lt=atomic;zi", ports: "lt=atomic;zi",
  },
  V1Endpoints: { metadata: "z", subsets: "lt=atomic;zi" },
  V1EndpointsList: { items: "zi", metadata: "z" },
  V1EnvVar: { name: "z" },
  V1EphemeralContainer: {
    args: "lt=atomic;zi", command: "lt=atomic;zi", env: "ps=merge;pk=name;lt=map;lk=name;zi",
    envFrom: "lt=atomic;zi", imagePullPolicy: "en=Always,IfNotPresent,Never", name: "z",
    ports: "ps=merge;pk=containerPort;lt=map;lk=containerPort,protocol;zi",
    resizePolicy: "lt=atomic;zi", resources: "z", restartPolicyRules: "lt=atomic;zi",
    terminationMessagePolicy: "en=FallbackToLogsOnError,File",
    volumeDevices: "ps=merge;pk=devicePath;lt=map;lk=devicePath;zi",
    volumeMounts: "ps=merge;pk=mountPath;lt=map;lk=mountPath;zi",
  },
  V1Eviction: { metadata: "z" },
  V1ExactDeviceRequest: {
    deviceClassName: "z", selectors: "lt=atomic;zi", tolerations: "lt=atomic;zi",
  },
  V1ExecAction: { command: "lt=atomic;zi" },
  V1ExpressionWarning: { fieldRef: "z", warning: "z" },
  V1FCVolumeSource: { targetWWNs: "lt=atomic;zi", wwids: "lt=atomic;zi" },
  V1FieldSelectorAttributes: { requirements: "lt=atomic;zi" },
  V1FieldSelectorRequirement: { key: "z", operator: "z", values: "lt=atomic;zi" },
  V1FileKeySelector: { key: "z", optional: "df=false", path: "z", volumeName: "z" },
  V1FlexPersistentVolumeSource: { driver: "z", options: "zi" },
  V1FlexVolumeSource: { driver: "z", options: "zi" },
  V1FlowDistinguisherMethod: { type: "z" },
  V1FlowSchema: { metadata: "z", spec: "z", status: "z" },
  V1FlowSchemaList: { items: "zi", metadata: "z" },
  V1FlowSchemaSpec: {
    matchingPrecedence: "z", priorityLevelConfiguration: "z", rules: "lt=atomic;zi",
  },
  V1FlowSchemaStatus: { conditions: "ps=merge;pk=type;lt=map;lk=type;zi" },
  V1ForNode: { name: "z" },
  V1ForZone: { name: "z" },
  V1GCEPersistentDiskVolumeSource: { pdName: "z" },
  V1GRPCAction: { port: "z", service: "df=\"\"" },
  V1GitRepoVolumeSource: { repository: "z" },
  V1GlusterfsPersistentVolumeSource: { endpoints: "z", path: "z" },
  V1GlusterfsVolumeSource: { endpoints: "z", path: "z" },
  V1GroupSubject: { name: "z" },
  V1GroupVersionForDiscovery: { groupVersion: "z", version: "z" },
  V1HTTPGetAction: { httpHeaders: "lt=atomic;zi", scheme: "en=HTTP,HTTPS" },
  V1HTTPHeader: { name: "z", value: "z" },
  V1HTTPIngressPath: { backend: "z", pathType: "en=Exact,ImplementationSpecific,Prefix" },
  V1HTTPIngressRuleValue: { paths: "lt=atomic;zi" },
  V1HorizontalPodAutoscaler: { metadata: "z", spec: "z", status: "z" },
  V1HorizontalPodAutoscalerList: { items: "zi", metadata: "z" },
  V1HorizontalPodAutoscalerSpec: { maxReplicas: "z", scaleTargetRef: "z" },
  V1HorizontalPodAutoscalerStatus: { currentReplicas: "z", desiredReplicas: "z" },
  V1HostAlias: { hostnames: "lt=atomic;zi", ip: "z" },
  V1HostIP: { ip: "z" },
  V1HostPathVolumeSource: {
    path: "z",
    type: "en=,BlockDevice,CharDevice,Directory,DirectoryOrCreate,File,FileOrCreate,Socket",
  },
  V1IPAddress: { metadata: "z", spec: "z" },
  V1IPAddressList: { items: "zi", metadata: "z" },
  V1IPBlock: { cidr: "z", except: "lt=atomic;zi" },
  V1ISCSIPersistentVolumeSource: {
    iqn: "z", iscsiInterface: "df=\"default\"", lun: "z", portals: "lt=atomic;zi",
    targetPortal: "z",
  },
  V1ISCSIVolumeSource: {
    iqn: "z", iscsiInterface: "df=\"default\"", lun: "z", portals: "lt=atomic;zi",
    targetPortal: "z",
  },
  V1ImageVolumeSource: { pullPolicy: "en=Always,IfNotPresent,Never" },
  V1Ingress: { metadata: "z", spec: "z", status: "z" },
  V1IngressClass: { metadata: "z", spec: "z" },
  V1IngressClassList: { items: "zi", metadata: "z" },
  V1IngressClassParametersReference: { kind: "z", name: "z" },
  V1IngressList: { items: "zi", metadata: "z" },
  V1IngressLoadBalancerIngress: { ports: "lt=atomic;zi" },
  V1IngressLoadBalancerStatus: { ingress: "lt=atomic;zi" },
  V1IngressPortStatus: { port: "z", protocol: "en=SCTP,TCP,UDP;z" },
  V1IngressServiceBackend: { name: "z", port: "z" },
  V1IngressSpec: { rules: "lt=atomic;zi", tls: "lt=atomic;zi" },
  V1IngressStatus: { loadBalancer: "z" },
  V1IngressTLS: { hosts: "lt=atomic;zi" },
  V1JSONSchemaProps: {
    additionalItems: "r=JSONSchemaPropsOrBool", additionalProperties: "r=JSONSchemaPropsOrBool",
    allOf: "lt=atomic;zi", anyOf: "lt=atomic;zi", default: "r=JSON", definitions: "zi",
    dependencies: "r=JSONSchemaPropsOrStringArray", enum: "lt=atomic;r=JSON", example: "r=JSON",
    items: "r=JSONSchemaPropsOrArray", oneOf: "lt=atomic;zi", patternProperties: "zi",
    properties: "zi", required: "lt=atomic;zi", "x-kubernetes-list-map-keys": "lt=atomic;zi",
    "x-kubernetes-validations": "ps=merge;pk=rule;lt=map;lk=rule;zi",
  },
  V1Job: { metadata: "z", spec: "z", status: "z" },
  V1JobCondition: { status: "z", type: "z" },
  V1JobList: { items: "zi", metadata: "z" },
  V1JobSpec: {
    completionMode: "en=Indexed,NonIndexed", podReplacementPolicy: "en=Failed,TerminatingOrFailed",
    template: "z",
  },
  V1JobStatus: { conditions: "ps=merge;pk=type;lt=atomic;zi" },
  V1JobTemplateSpec: { metadata: "z", spec: "z" },
  V1KeyToPath: { key: "z", path: "z" },
  V1LabelSelector: { matchExpressions: "lt=atomic;zi", matchLabels: "zi" },
  V1LabelSelectorAttributes: { requirements: "lt=atomic;zi" },
  V1LabelSelectorRequirement: { key: "z", operator: "z", values: "lt=atomic;zi" },
  V1Lease: { metadata: "z", spec: "z" },
  V1LeaseList: { items: "zi", metadata: "z" },
  V1LeaseSpec: { acquireTime: "r=MicroTime", renewTime: "r=MicroTime" },
  V1Lifecycle: {
    stopSignal: "en=SIGABRT,SIGALRM,SIGBUS,SIGCHLD,SIGCLD,SIGCONT,SIGFPE,SIGHUP,SIGILL,SIGINT,SIGIO,SIGIOT,SIGKILL,SIGPIPE,SIGPOLL,SIGPROF,SIGPWR,SIGQUIT,SIGRTMAX,SIGRTMAX-1,SIGRTMAX-10,SIGRTMAX-11,SIGRTMAX-12,SIGRTMAX-13,SIGRTMAX-14,SIGRTMAX-2,SIGRTMAX-3,SIGRTMAX-4,SIGRTMAX-5,SIGRTMAX-6,SIGRTMAX-7,SIGRTMAX-8,SIGRTMAX-9,SIGRTMIN,SIGRTMIN+1,SIGRTMIN+10,SIGRTMIN+11,SIGRTMIN+12,SIGRTMIN+13,SIGRTMIN+14,SIGRTMIN+15,SIGRTMIN+2,SIGRTMIN+3,SIGRTMIN+4,SIGRTMIN+5,SIGRTMIN+6,SIGRTMIN+7,SIGRTMIN+8,SIGRTMIN+9,SIGSEGV,SIGSTKFLT,SIGSTOP,SIGSYS,SIGTERM,SIGTRAP,SIGTSTP,SIGTTIN,SIGTTOU,SIGURG,SIGUSR1,SIGUSR2,SIGVTALRM,SIGWINCH,SIGXCPU,SIGXFSZ",
  },
  V1LimitRange: { metadata: "z", spec: "z" },
  V1LimitRangeItem: {
    default: "r=Quantity", defaultRequest: "r=Quantity", max: "r=Quantity",
    maxLimitRequestRatio: "r=Quantity", min: "r=Quantity", type: "z",
  },
  V1LimitRangeList: { items: "zi", metadata: "z" },
  V1LimitRangeSpec: { limits: "lt=atomic;zi" },
  V1LimitResponse: { type: "z" },
  V1LimitedPriorityLevelConfiguration: { limitResponse: "z" },
  V1LinuxContainerUser: { gid: "z", supplementalGroups: "lt=atomic;zi", uid: "z" },
  V1LoadBalancerIngress: { ports: "lt=atomic;zi" },
  V1LoadBalancerStatus: { ingress: "lt=atomic;zi" },
  V1LocalObjectReference: { name: "df=\"\"" },
  V1LocalSubjectAccessReview: { metadata: "z", spec: "z", status: "z" },
  V1LocalVolumeSource: { path: "z" },
  V1ManagedFieldsEntry: { fieldsV1: "r=FieldsV1" },
  V1MatchCondition: { expression: "z", name: "z" },
  V1MatchResources: {
    excludeResourceRules: "lt=atomic;zi", matchPolicy: "en=Equivalent,Exact",
    resourceRules: "lt=atomic;zi",
  },
  V1ModifyVolumeStatus: { status: "en=InProgress,Infeasible,Pending;z" },
  V1MutatingWebhook: {
    admissionReviewVersions: "lt=atomic;zi", clientConfig: "z", failurePolicy: "en=Fail,Ignore",
    matchConditions: "ps=merge;pk=name;lt=map;lk=name;zi", matchPolicy: "en=Equivalent,Exact",
    name: "z", reinvocationPolicy: "en=IfNeeded,Never", rules: "lt=atomic;zi",
    sideEffects: "en=None,NoneOnDryRun,Some,Unknown",
  },
  V1MutatingWebhookConfiguration: {
    metadata: "z", webhooks: "ps=merge;pk=name;lt=map;lk=name;zi",
  },
  V1MutatingWebhookConfigurationList: { items: "zi", metadata: "z" },
  V1NFSVolumeSource: { path: "z", server: "z" },
  V1NamedRuleWithOperations: {
    apiGroups: "lt=atomic;zi", apiVersions: "lt=atomic;zi",
    operations: "lt=atomic;en=*,CONNECT,CREATE,DELETE,UPDATE;zi", resourceNames: "lt=atomic;zi",
    resources: "lt=atomic;zi", scope: "en=*,Cluster,Namespaced",
  },
  V1Namespace: { metadata: "z", spec: "z", status: "z" },
  V1NamespaceCondition: { status: "z", type: "z" },
  V1NamespaceList: { items: "zi", metadata: "z" },
  V1NamespaceSpec: { finalizers: "lt=atomic;zi" },
  V1NamespaceStatus: {
    conditions: "ps=merge;pk=type;lt=map;lk=type;zi", phase: "en=Active,Terminating",
  },
  V1NetworkDeviceData: { ips: "lt=atomic;zi" },
  V1NetworkPolicy: { metadata: "z", spec: "z" },
  V1NetworkPolicyEgressRule: { ports: "lt=atomic;zi", to: "lt=atomic;zi" },
  V1NetworkPolicyIngressRule: { from: "lt=atomic;zi", ports: "lt=atomic;zi" },
  V1NetworkPolicyList: { items: "zi", metadata: "z" },
  V1NetworkPolicyPort: { protocol: "en=SCTP,TCP,UDP" },
  V1NetworkPolicySpec: {
    egress: "lt=atomic;zi", ingress: "lt=atomic;zi", podSelector: "z",
    policyTypes: "lt=atomic;en=Egress,Ingress;zi",
  },
  V1Node: { metadata: "z", spec: "z", status: "z" },
  V1NodeAddress: { address: "z", type: "z" },
  V1NodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: "lt=atomic;zi" },
  V1NodeCondition: { status: "z", type: "z" },
  V1NodeDaemonEndpoints: { kubeletEndpoint: "z" },
  V1NodeList: { items: "zi", metadata: "z" },
  V1NodeRuntimeHandler: { name: "z" },
  V1NodeSelector: { nodeSelectorTerms: "lt=atomic;zi" },
  V1NodeSelectorRequirement: {
    key: "z", operator: "en=DoesNotExist,Exists,Gt,In,Lt,NotIn;z", values: "lt=atomic;zi",
  },
  V1NodeSelectorTerm: { matchExpressions: "lt=atomic;zi", matchFields: "lt=atomic;zi" },
  V1NodeSpec: { podCIDRs: "ps=merge;lt=set;zi", taints: "lt=atomic;zi" },
  V1NodeStatus: {
    addresses: "ps=merge;pk=type;lt=map;lk=type;zi", allocatable: "r=Quantity",
    capacity: "r=Quantity", conditions: "ps=merge;pk=type;lt=map;lk=type;zi", daemonEndpoints: "z",
    images: "lt=atomic;zi", nodeInfo: "z", phase: "en=Pending,Running,Terminated",
    runtimeHandlers: "lt=atomic;zi", volumesAttached: "lt=atomic;zi", volumesInUse: "lt=atomic;zi",
  },
  V1NodeSystemInfo: {
    architecture: "z", bootID: "z", containerRuntimeVersion: "z", kernelVersion: "z",
    kubeProxyVersion: "z", kubeletVersion: "z", machineID: "z", operatingSystem: "z", osImage: "z",
    systemUUID: "z",
  },
  V1NonResourcePolicyRule: { nonResourceURLs: "lt=set;zi", verbs: "lt=set;zi" },
  V1NonResourceRule: { nonResourceURLs: "lt=atomic;zi", verbs: "lt=atomic;zi" },
  V1ObjectFieldSelector: { fieldPath: "z" },
  V1ObjectMeta: {
    annotations: "zi", finalizers: "ps=merge;lt=set;zi", labels: "zi",
    managedFields: "lt=atomic;zi", ownerReferences: "ps=merge;pk=uid;lt=map;lk=uid;zi",
  },
  V1OpaqueDeviceConfiguration: { driver: "z", parameters: "r=RawExtension" },
  V1Overhead: { podFixed: "r=Quantity" },
  V1OwnerReference: { apiVersion: "z", kind: "z", name: "z" },
  V1PersistentVolume: { metadata: "z", spec: "z", status: "z" },
  V1PersistentVolumeClaim: { metadata: "z", spec: "z", status: "z" },
  V1PersistentVolumeClaimCondition: { status: "z", type: "z" },
  V1PersistentVolumeClaimList: { items: "zi", metadata: "z" },
  V1PersistentVolumeClaimSpec: {
    accessModes: "lt=atomic;en=ReadOnlyMany,ReadWriteMany,ReadWriteOnce,ReadWriteOncePod;zi",
    resources: "z", volumeMode: "en=Block,Filesystem",
  },
  V1PersistentVolumeClaimStatus: {
    accessModes: "lt=atomic;en=ReadOnlyMany,ReadWriteMany,ReadWriteOnce,ReadWriteOncePod;zi",
    allocatedResourceStatuses: "mt=granular;en=ControllerResizeInProgress,ControllerResizeInfeasible,NodeResizeInProgress,NodeResizeInfeasible,NodeResizePending;zi",
    allocatedResources: "r=Quantity", capacity: "r=Quantity",
    conditions: "ps=merge;pk=type;lt=map;lk=type;zi", phase: "en=Bound,Lost,Pending",
  },
  V1PersistentVolumeClaimTemplate: { metadata: "z", spec: "z" },
  V1PersistentVolumeClaimVolumeSource: { claimName: "z" },
  V1PersistentVolumeList: { items: "zi", metadata: "z" },
  V1PersistentVolumeSpec: {
    accessModes: "lt=atomic;en=ReadOnlyMany,ReadWriteMany,ReadWriteOnce,ReadWriteOncePod;zi",
    capacity: "r=Quantity", mountOptions: "lt=atomic;zi",
    persistentVolumeReclaimPolicy: "en=Delete,Recycle,Retain", volumeMode: "en=Block,Filesystem",
  },
  V1PersistentVolumeStatus: { phase: "en=Available,Bound,Failed,Pending,Released" },
  V1PhotonPersistentDiskVolumeSource: { pdID: "z" },
  V1Pod: { metadata: "z", spec: "z", status: "z" },
  V1PodAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: "lt=atomic;zi",
    requiredDuringSchedulingIgnoredDuringExecution: "lt=atomic;zi",
  },
  V1PodAffinityTerm: {
    matchLabelKeys: "lt=atomic;zi", mismatchLabelKeys: "lt=atomic;zi", namespaces: "lt=atomic;zi",
    topologyKey: "z",
  },
  V1PodAntiAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: "lt=atomic;zi",
    requiredDuringSchedulingIgnoredDuringExecution: "lt=atomic;zi",
  },
  V1PodCondition: { status: "z", type: "z" },
  V1PodDNSConfig: {
    nameservers: "lt=atomic;zi", options: "lt=atomic;zi", searches: "lt=atomic;zi",
  },
  V1PodDisruptionBudget: { metadata: "z", spec: "z", status: "z" },
  V1PodDisruptionBudgetList: { items: "zi", metadata: "z" },
  V1PodDisruptionBudgetSpec: {
    selector: "ps=replace", unhealthyPodEvictionPolicy: "en=AlwaysAllow,IfHealthyBudget",
  },
  V1PodDisruptionBudgetStatus: {
    conditions: "ps=merge;pk=type;lt=map;lk=type;zi", currentHealthy: "z", desiredHealthy: "z",
    disruptionsAllowed: "z", expectedPods: "z",
  },
  V1PodExtendedResourceClaimStatus: { requestMappings: "lt=atomic;zi", resourceClaimName: "z" },
  V1PodFailurePolicy: { rules: "lt=atomic;zi" },
  V1PodFailurePolicyOnExitCodesRequirement: { operator: "en=In,NotIn;z", values: "lt=set;zi" },
  V1PodFailurePolicyOnPodConditionsPattern: { status: "z", type: "z" },
  V1PodFailurePolicyRule: {
    action: "en=Count,FailIndex,FailJob,Ignore;z", onPodConditions: "lt=atomic;zi",
  },
  V1PodIP: { ip: "z" },
  V1PodList: { items: "zi", metadata: "z" },
  V1PodOS: { name: "z" },
  V1PodReadinessGate: { conditionType: "z" },
  V1PodResourceClaim: { name: "z" },
  V1PodResourceClaimStatus: { name: "z" },
  V1PodSchedulingGate: { name: "z" },
  V1PodSecurityContext: {
    fsGroupChangePolicy: "en=Always,OnRootMismatch", supplementalGroups: "lt=atomic;zi",
    supplementalGroupsPolicy: "en=Merge,Strict", sysctls: "lt=atomic;zi",
  },
  V1PodSpec: {
    containers: "ps=merge;pk=name;lt=map;lk=name;zi",
    dnsPolicy: "en=ClusterFirst,ClusterFirstWithHostNet,Default,None",
    ephemeralContainers: "ps=merge;pk=name;lt=map;lk=name;zi",
    hostAliases: "ps=merge;pk=ip;lt=map;lk=ip;zi",
    imagePullSecrets: "ps=merge;pk=name;lt=map;lk=name;zi",
    initContainers: "ps=merge;pk=name;lt=map;lk=name;zi", nodeSelector: "mt=atomic;zi",
    overhead: "r=Quantity", preemptionPolicy: "en=Never,PreemptLowerPriority",
    readinessGates: "lt=atomic;zi", resourceClaims: "ps=merge,retainKeys;pk=name;lt=map;lk=name;zi",
    restartPolicy: "en=Always,Never,OnFailure",
    schedulingGates: "ps=merge;pk=name;lt=map;lk=name;zi", tolerations: "lt=atomic;zi",
    topologySpreadConstraints: "ps=merge;pk=topologyKey;lt=map;lk=topologyKey,whenUnsatisfiable;zi",
    volumes: "ps=merge,retainKeys;pk=name;lt=map;lk=name;zi",
  },
  V1PodStatus: {
    conditions: "ps=merge;pk=type;lt=map;lk=type;zi", containerStatuses: "lt=atomic;zi",
    ephemeralContainerStatuses: "lt=atomic;zi", hostIPs: "ps=merge;pk=ip;lt=atomic;zi",
    initContainerStatuses: "lt=atomic;zi", phase: "en=Failed,Pending,Running,Succeeded,Unknown",
    podIPs: "ps=merge;pk=ip;lt=map;lk=ip;zi", qosClass: "en=BestEffort,Burstable,Guaranteed",
    resourceClaimStatuses: "ps=merge,retainKeys;pk=name;lt=map;lk=name;zi",
  },
  V1PodTemplate: { metadata: "z", template: "z" },
  V1PodTemplateList: { items: "zi", metadata: "z" },
  V1PodTemplateSpec: { metadata: "z", spec: "z" },
  V1PolicyRule: {
    apiGroups: "lt=atomic;zi", nonResourceURLs: "lt=atomic;zi", resourceNames: "lt=atomic;zi",
    resources: "lt=atomic;zi", verbs: "lt=atomic;zi",
  },
  V1PolicyRulesWithSubjects: {
    nonResourceRules: "lt=atomic;zi", resourceRules: "lt=atomic;zi", subjects: "lt=atomic;zi",
  },
  V1PortStatus: { port: "z", protocol: "en=SCTP,TCP,UDP;z" },
  V1PortworxVolumeSource: { volumeID: "z" },
  V1PreferredSchedulingTerm: { preference: "z", weight: "z" },
  V1PriorityClass: {
    metadata: "z", preemptionPolicy: "en=Never,PreemptLowerPriority", value: "z",
  },
  V1PriorityClassList: { items: "zi", metadata: "z" },
  V1PriorityLevelConfiguration: { metadata: "z", spec: "z", status: "z" },
  V1PriorityLevelConfigurationList: { items: "zi", metadata: "z" },
  V1PriorityLevelConfigurationReference: { name: "z" },
  V1PriorityLevelConfigurationSpec: { type: "z" },
  V1PriorityLevelConfigurationStatus: { conditions: "ps=merge;pk=type;lt=map;lk=type;zi" },
  V1ProjectedVolumeSource: { sources: "lt=atomic;zi" },
  V1QueuingConfiguration: { handSize: "z", queueLengthLimit: "z", queues: "z" },
  V1QuobyteVolumeSource: { registry: "z", volume: "z" },
  V1RBDPersistentVolumeSource: {
    image: "z", keyring: "df=\"/etc/ceph/keyring\"", monitors: "lt=atomic;zi", pool: "df=\"rbd\"",
    user: "df=\"admin\"",
  },
  V1RBDVolumeSource: {
    image: "z", keyring: "df=\"/etc/ceph/keyring\"", monitors: "lt=atomic;zi", pool: "df=\"rbd\"",
    user: "df=\"admin\"",
  },
  V1ReplicaSet: { metadata: "z", spec: "z", status: "z" },
  V1ReplicaSetCondition: { status: "z", type: "z" },
  V1ReplicaSetList: { items: "zi", metadata: "z" },
  V1ReplicaSetSpec: { template: "z" },
  V1ReplicaSetStatus: { conditions: "ps=merge;pk=type;lt=map;lk=type;zi", replicas: "z" },
  V1ReplicationController: { metadata: "z", spec: "z", status: "z" },
  V1ReplicationControllerCondition: { status: "z", type: "z" },
  V1ReplicationControllerList: { items: "zi", metadata: "z" },
  V1ReplicationControllerSpec: {
    minReadySeconds: "df=0", replicas: "df=1", selector: "mt=atomic;zi",
  },
  V1ReplicationControllerStatus: {
    conditions: "ps=merge;pk=type;lt=map;lk=type;zi", replicas: "z",
  },
  V1ResourceClaimConsumerReference: { name: "z", resource: "z" },
  V1ResourceClaimList: { items: "zi", metadata: "z" },
  V1ResourceClaimSpec: { devices: "z" },
  V1ResourceClaimStatus: {
    devices: "lt=map;lk=driver,device,pool,shareID;zi",
    reservedFor: "ps=merge;pk=uid;lt=map;lk=uid;zi",
  },
  V1ResourceClaimTemplate: { metadata: "z", spec: "z" },
  V1ResourceClaimTemplateList: { items: "zi", metadata: "z" },
  V1ResourceClaimTemplateSpec: { metadata: "z", spec: "z" },
  V1ResourceFieldSelector: { divisor: "r=Quantity", resource: "z" },
  V1ResourceHealth: { resourceID: "z" },
  V1ResourcePolicyRule: {
    apiGroups: "lt=set;zi", namespaces: "lt=set;zi", resources: "lt=set;zi", verbs: "lt=set;zi",
  },
  V1ResourcePool: { generation: "z", name: "z", resourceSliceCount: "z" },
  V1ResourceQuota: { metadata: "z", spec: "z", status: "z" },
  V1ResourceQuotaList: { items: "zi", metadata: "z" },
  V1ResourceQuotaSpec: {
    hard: "r=Quantity",
    scopes: "lt=atomic;en=BestEffort,CrossNamespacePodAffinity,NotBestEffort,NotTerminating,PriorityClass,Terminating,VolumeAttributesClass;zi",
  },
  V1ResourceQuotaStatus: { hard: "r=Quantity", used: "r=Quantity" },
  V1ResourceRequirements: {
    claims: "lt=map;lk=name;zi", limits: "r=Quantity", requests: "r=Quantity",
  },
  V1ResourceRule: {
    apiGroups: "lt=atomic;zi", resourceNames: "lt=atomic;zi", resources: "lt=atomic;zi",
    verbs: "lt=atomic;zi",
  },
  V1ResourceSlice: { metadata: "z", spec: "z" },
  V1ResourceSliceList: { items: "zi", metadata: "z" },
  V1ResourceSliceSpec: {
    devices: "lt=atomic;zi", driver: "z", pool: "z", sharedCounters: "lt=atomic;zi",
  },
  V1ResourceStatus: { name: "z", resources: "lt=map;lk=resourceID;zi" },
  V1Role: { metadata: "z", rules: "lt=atomic;zi" },
  V1RoleBinding: { metadata: "z", roleRef: "z", subjects: "lt=atomic;zi" },
  V1RoleBindingList: { items: "zi", metadata: "z" },
  V1RoleList: { items: "zi", metadata: "z" },
  V1RoleRef: { apiGroup: "z", kind: "z", name: "z" },
  V1RuleWithOperations: {
    apiGroups: "lt=atomic;zi", apiVersions: "lt=atomic;zi",
    operations: "lt=atomic;en=*,CONNECT,CREATE,DELETE,UPDATE;zi", resources: "lt=atomic;zi",
    scope: "en=*,Cluster,Namespaced",
  },
  V1RuntimeClass: { handler: "z", metadata: "z" },
  V1RuntimeClassList: { items: "zi", metadata: "z" },
  V1Scale: { metadata: "z", spec: "z", status: "z" },
  V1ScaleIOPersistentVolumeSource: {
    fsType: "df=\"xfs\"", gateway: "z", storageMode: "df=\"ThinProvisioned\"", system: "z",
  },
  V1ScaleIOVolumeSource: {
    fsType: "df=\"xfs\"", gateway: "z", storageMode: "df=\"ThinProvisioned\"", system: "z",
  },
  V1ScaleSpec: { replicas: "df=0" },
  V1ScaleStatus: { replicas: "z" },
  V1Scheduling: { nodeSelector: "mt=atomic;zi", tolerations: "lt=atomic;zi" },
  V1ScopeSelector: { matchExpressions: "lt=atomic;zi" },
  V1ScopedResourceSelectorRequirement: {
    operator: "en=DoesNotExist,Exists,In,NotIn;z",
    scopeName: "en=BestEffort,CrossNamespacePodAffinity,NotBestEffort,NotTerminating,PriorityClass,Terminating,VolumeAttributesClass;z",
    values: "lt=atomic;zi",
  },
  V1SeccompProfile: { type: "en=Localhost,RuntimeDefault,Unconfined;z" },
  V1Secret: { metadata: "z", stringData: "zi" },
  V1SecretEnvSource: { name: "df=\"\"" },
  V1SecretKeySelector: { key: "z", name: "df=\"\"" },
  V1SecretList: { items: "zi", metadata: "z" },
  V1SecretProjection: { items: "lt=atomic;zi", name: "df=\"\"" },
  V1SecretVolumeSource: { items: "lt=atomic;zi" },
  V1SecurityContext: { procMount: "en=Default,Unmasked" },
  V1SelectableField: { jsonPath: "z" },
  V1SelfSubjectAccessReview: { metadata: "z", spec: "z", status: "z" },
  V1SelfSubjectReview: { metadata: "z", status: "z" },
  V1SelfSubjectReviewStatus: { userInfo: "z" },
  V1SelfSubjectRulesReview: { metadata: "z", spec: "z", status: "z" },
  V1ServerAddressByClientCIDR: { clientCIDR: "z", serverAddress: "z" },
  V1Service: { metadata: "z", spec: "z", status: "z" },
  V1ServiceAccount: {
    imagePullSecrets: "lt=atomic;zi", metadata: "z", secrets: "ps=merge;pk=name;lt=map;lk=name;zi",
  },
  V1ServiceAccountList: { items: "zi", metadata: "z" },
  V1ServiceAccountSubject: { name: "z", namespace: "z" },
  V1ServiceAccountTokenProjection: { path: "z" },
  V1ServiceCIDR: { metadata: "z", spec: "z", status: "z" },
  V1ServiceCIDRList: { items: "zi", metadata: "z" },
  V1ServiceCIDRSpec: { cidrs: "lt=atomic;zi" },
  V1ServiceCIDRStatus: { conditions: "ps=merge;pk=type;lt=map;lk=type;zi" },
  V1ServiceList: { items: "zi", metadata: "z" },
  V1ServicePort: { port: "z", protocol: "en=SCTP,TCP,UDP;df=\"TCP\"" },
  V1ServiceSpec: {
    clusterIPs: "lt=atomic;zi", externalIPs: "lt=atomic;zi",
    externalTrafficPolicy: "en=Cluster,Local", internalTrafficPolicy: "en=Cluster,Local",
    ipFamilies: "lt=atomic;en=,IPv4,IPv6;zi",
    ipFamilyPolicy: "en=PreferDualStack,RequireDualStack,SingleStack",
    loadBalancerSourceRanges: "lt=atomic;zi", ports: "ps=merge;pk=port;lt=map;lk=port,protocol;zi",
    selector: "mt=atomic;zi", sessionAffinity: "en=ClientIP,None",
    type: "en=ClusterIP,ExternalName,LoadBalancer,NodePort",
  },
  V1ServiceStatus: { conditions: "ps=merge;pk=type;lt=map;lk=type;zi", loadBalancer: "z" },
  V1SleepAction: { seconds: "z" },
  V1StatefulSet: { metadata: "z", spec: "z", status: "z" },
  V1StatefulSetCondition: { status: "z", type: "z" },
  V1StatefulSetList: { items: "zi", metadata: "z" },
  V1StatefulSetOrdinals: { start: "z" },
  V1StatefulSetSpec: {
    podManagementPolicy: "en=OrderedReady,Parallel", serviceName: "z", template: "z",
    updateStrategy: "z", volumeClaimTemplates: "lt=atomic;zi",
  },
  V1StatefulSetStatus: {
    availableReplicas: "z", conditions: "ps=merge;pk=type;lt=map;lk=type;zi", replicas: "z",
  },
  V1StatefulSetUpdateStrategy: { type: "en=OnDelete,RollingUpdate" },
  V1Status: { details: "lt=atomic", metadata: "z" },
  V1StatusDetails: { causes: "lt=atomic;zi" },
  V1StorageClass: {
    allowedTopologies: "lt=atomic;zi", metadata: "z", mountOptions: "lt=atomic;zi",
    parameters: "zi", provisioner: "z", reclaimPolicy: "en=Delete,Recycle,Retain",
    volumeBindingMode: "en=Immediate,WaitForFirstConsumer",
  },
  V1StorageClassList: { items: "zi", metadata: "z" },
  V1SubjectAccessReview: { metadata: "z", spec: "z", status: "z" },
  V1SubjectAccessReviewSpec: { groups: "lt=atomic;zi" },
  V1SubjectAccessReviewStatus: { allowed: "z" },
  V1SubjectRulesReviewStatus: {
    incomplete: "z", nonResourceRules: "lt=atomic;zi", resourceRules: "lt=atomic;zi",
  },
  V1SuccessPolicy: { rules: "lt=atomic;zi" },
  V1Sysctl: { name: "z", value: "z" },
  V1Taint: { effect: "en=NoExecute,NoSchedule,PreferNoSchedule;z", key: "z" },
  V1TokenRequestSpec: { audiences: "lt=atomic;zi" },
  V1TokenRequestStatus: { token: "z" },
  V1TokenReview: { metadata: "z", spec: "z", status: "z" },
  V1TokenReviewSpec: { audiences: "lt=atomic;zi" },
  V1TokenReviewStatus: { audiences: "lt=atomic;zi", user: "z" },
  V1Toleration: {
    effect: "en=NoExecute,NoSchedule,PreferNoSchedule", operator: "en=Equal,Exists",
  },
  V1TopologySelectorLabelRequirement: { key: "z", values: "lt=atomic;zi" },
  V1TopologySelectorTerm: { matchLabelExpressions: "lt=atomic;zi" },
  V1TopologySpreadConstraint: {
    matchLabelKeys: "lt=atomic;zi", maxSkew: "z", nodeAffinityPolicy: "en=Honor,Ignore",
    nodeTaintsPolicy: "en=Honor,Ignore", topologyKey: "z",
    whenUnsatisfiable: "en=DoNotSchedule,ScheduleAnyway;z",
  },
  V1TypeChecking: { expressionWarnings: "lt=atomic;zi" },
  V1TypedLocalObjectReference: { kind: "z", name: "z" },
  V1TypedObjectReference: { kind: "z", name: "z" },
  V1UncountedTerminatedPods: { failed: "lt=set", succeeded: "lt=set" },
  V1UserInfo: { groups: "lt=atomic;zi" },
  V1UserSubject: { name: "z" },
  V1ValidatingAdmissionPolicy: { metadata: "z", spec: "z", status: "z" },
  V1ValidatingAdmissionPolicyBinding: { metadata: "z", spec: "z" },
  V1ValidatingAdmissionPolicyBindingList: { items: "zi", metadata: "z" },
  V1ValidatingAdmissionPolicyBindingSpec: { validationActions: "lt=set;en=Audit,Deny,Warn;zi" },
  V1ValidatingAdmissionPolicyList: { items: "zi", metadata: "z" },
  V1ValidatingAdmissionPolicySpec: {
    auditAnnotations: "lt=atomic;zi", failurePolicy: "en=Fail,Ignore",
    matchConditions: "ps=merge;pk=name;lt=map;lk=name;zi", validations: "lt=atomic;zi",
    variables: "ps=merge;pk=name;lt=map;lk=name;zi",
  },
  V1ValidatingAdmissionPolicyStatus: { conditions: "lt=map;lk=type;zi" },
  V1ValidatingWebhook: {
    admissionReviewVersions: "lt=atomic;zi", clientConfig: "z", failurePolicy: "en=Fail,Ignore",
    matchConditions: "ps=merge;pk=name;lt=map;lk=name;zi", matchPolicy: "en=Equivalent,Exact",
    name: "z", rules: "lt=atomic;zi", sideEffects: "en=None,NoneOnDryRun,Some,Unknown",
  },
  V1ValidatingWebhookConfiguration: {
    metadata: "z", webhooks: "ps=merge;pk=name;lt=map;lk=name;zi",
  },
  V1ValidatingWebhookConfigurationList: { items: "zi", metadata: "z" },
  V1Validation: { expression: "z" },
  V1ValidationRule: {
    reason: "en=FieldValueDuplicate,FieldValueForbidden,FieldValueInvalid,FieldValueRequired",
    rule: "z",
  },
  V1Variable: { expression: "z", name: "z" },
  V1Volume: { name: "z" },
  V1VolumeAttachment: { metadata: "z", spec: "z", status: "z" },
  V1VolumeAttachmentList: { items: "zi", metadata: "z" },
  V1VolumeAttachmentSpec: { attacher: "z", nodeName: "z", source: "z" },
  V1VolumeAttachmentStatus: { attached: "z", attachmentMetadata: "zi" },
  V1VolumeAttributesClass: { driverName: "z", metadata: "z", parameters: "zi" },
  V1VolumeAttributesClassList: { items: "zi", metadata: "z" },
  V1VolumeDevice: { devicePath: "z", name: "z" },
  V1VolumeMount: {
    mountPath: "z", mountPropagation: "en=Bidirectional,HostToContainer,None", name: "z",
  },
  V1VolumeMountStatus: { mountPath: "z", name: "z" },
  V1VolumeResourceRequirements: { limits: "r=Quantity", requests: "r=Quantity" },
  V1VsphereVirtualDiskVolumeSource: { volumePath: "z" },
  V1WatchEvent: { object: "r=RawExtension", type: "z" },
  V1WebhookConversion: { conversionReviewVersions: "lt=atomic;zi" },
  V1WeightedPodAffinityTerm: { podAffinityTerm: "z", weight: "z" },
  V1alpha1ClusterTrustBundle: { metadata: "z", spec: "z" },
  V1alpha1ClusterTrustBundleList: { items: "zi", metadata: "z" },
  V1alpha1ClusterTrustBundleSpec: { trustBundle: "z" },
  V1alpha1MatchResources: {
    excludeResourceRules: "lt=atomic;zi", matchPolicy: "en=Equivalent,Exact",
    resourceRules: "lt=atomic;zi",
  },
  V1alpha1MigrationCondition: { status: "z", type: "z" },
  V1alpha1MutatingAdmissionPolicy: { metadata: "z", spec: "z" },
  V1alpha1MutatingAdmissionPolicyBinding: { metadata: "z", spec: "z" },
  V1alpha1MutatingAdmissionPolicyBindingList: { items: "zi", metadata: "z" },
  V1alpha1MutatingAdmissionPolicyList: { items: "zi", metadata: "z" },
  V1alpha1MutatingAdmissionPolicySpec: {
    failurePolicy: "en=Fail,Ignore", matchConditions: "ps=merge;pk=name;lt=map;lk=name",
    mutations: "lt=atomic;zi", variables: "lt=atomic;zi",
  },
  V1alpha1Mutation: { patchType: "en=ApplyConfiguration,JSONPatch;z" },
  V1alpha1NamedRuleWithOperations: { resourceNames: "lt=atomic;zi" },
  V1alpha1ParamRef: { parameterNotFoundAction: "en=Allow,Deny" },
  V1alpha1PodCertificateRequest: { metadata: "z", spec: "z", status: "z" },
  V1alpha1PodCertificateRequestList: { items: "zi", metadata: "z" },
  V1alpha1PodCertificateRequestSpec: {
    maxExpirationSeconds: "df=86400", podName: "z", serviceAccountName: "z", signerName: "z",
  },
  V1alpha1PodCertificateRequestStatus: { conditions: "ps=merge;pk=type;lt=map;lk=type;zi" },
  V1alpha1ServerStorageVersion: { decodableVersions: "lt=set;zi", servedVersions: "lt=set;zi" },
  V1alpha1StorageVersion: { metadata: "z", status: "z" },
  V1alpha1StorageVersionCondition: { reason: "z", status: "z", type: "z" },
  V1alpha1StorageVersionList: { items: "zi", metadata: "z" },
  V1alpha1StorageVersionMigration: { metadata: "z", spec: "z", status: "z" },
  V1alpha1StorageVersionMigrationList: {
    items: "ps=merge;pk=type;lt=map;lk=type;zi", metadata: "z",
  },
  V1alpha1StorageVersionMigrationSpec: { resource: "z" },
  V1alpha1StorageVersionMigrationStatus: { conditions: "ps=merge;pk=type;lt=map;lk=type;zi" },
  V1alpha1StorageVersionStatus: {
    conditions: "lt=map;lk=type;zi", storageVersions: "lt=map;lk=apiServerID;zi",
  },
  V1alpha1Variable: { expression: "z", name: "z" },
  V1alpha1VolumeAttributesClass: { driverName: "z", metadata: "z", parameters: "zi" },
  V1alpha1VolumeAttributesClassList: { items: "zi", metadata: "z" },
  V1alpha2LeaseCandidate: { metadata: "z", spec: "z" },
  V1alpha2LeaseCandidateList: { items: "zi", metadata: "z" },
  V1alpha2LeaseCandidateSpec: {
    binaryVersion: "z", leaseName: "z", pingTime: "r=MicroTime", renewTime: "r=MicroTime",
  },
  V1alpha3CELDeviceSelector: { expression: "z" },
  V1alpha3DeviceTaint: { effect: "en=NoExecute,NoSchedule;z", key: "z" },
  V1alpha3DeviceTaintRule: { metadata: "z", spec: "z" },
  V1alpha3DeviceTaintRuleList: { items: "zi", metadata: "z" },
  V1alpha3DeviceTaintRuleSpec: { taint: "z" },
  V1alpha3DeviceTaintSelector: { selectors: "lt=atomic;zi" },
  V1beta1AllocatedDeviceStatus: {
    conditions: "lt=map;lk=type;zi", data: "r=RawExtension", device: "z", driver: "z", pool: "z",
  },
  V1beta1AllocationResult: { devices: "z" },
  V1beta1BasicDevice: {
    attributes: "zi", bindingConditions: "lt=atomic;zi", bindingFailureConditions: "lt=atomic;zi",
    capacity: "zi", consumesCounters: "lt=atomic;zi", taints: "lt=atomic;zi",
  },
  V1beta1CELDeviceSelector: { expression: "z" },
  V1beta1CapacityRequestPolicy: { default: "r=Quantity", validValues: "lt=atomic;r=Quantity" },
  V1beta1CapacityRequestPolicyRange: {
    max: "r=Quantity", min: "r=Quantity", step: "r=Quantity",
  },
  V1beta1CapacityRequirements: { requests: "r=Quantity" },
  V1beta1ClusterTrustBundle: { metadata: "z", spec: "z" },
  V1beta1ClusterTrustBundleList: { items: "zi", metadata: "z" },
  V1beta1ClusterTrustBundleSpec: { trustBundle: "z" },
  V1beta1Counter: { value: "r=Quantity" },
  V1beta1CounterSet: { counters: "zi", name: "z" },
  V1beta1Device: { name: "z" },
  V1beta1DeviceAllocationConfiguration: { requests: "lt=atomic;zi", source: "z" },
  V1beta1DeviceAllocationResult: { config: "lt=atomic;zi", results: "lt=atomic;zi" },
  V1beta1DeviceCapacity: { value: "r=Quantity" },
  V1beta1DeviceClaim: {
    config: "lt=atomic;zi", constraints: "lt=atomic;zi", requests: "lt=atomic;zi",
  },
  V1beta1DeviceClaimConfiguration: { requests: "lt=atomic;zi" },
  V1beta1DeviceClass: { metadata: "z", spec: "z" },
  V1beta1DeviceClassList: { items: "zi", metadata: "z" },
  V1beta1DeviceClassSpec: { config: "lt=atomic;zi", selectors: "lt=atomic;zi" },
  V1beta1DeviceConstraint: { requests: "lt=atomic;zi" },
  V1beta1DeviceCounterConsumption: { counterSet: "z", counters: "zi" },
  V1beta1DeviceRequest: {
    deviceClassName: "z", firstAvailable: "lt=atomic;zi", name: "z", selectors: "lt=atomic;zi",
    tolerations: "lt=atomic;zi",
  },
  V1beta1DeviceRequestAllocationResult: {
    bindingConditions: "lt=atomic;zi", bindingFailureConditions: "lt=atomic;zi",
    consumedCapacity: "r=Quantity", device: "z", driver: "z", pool: "z", request: "z",
    tolerations: "lt=atomic;zi",
  },
  V1beta1DeviceSubRequest: {
    deviceClassName: "z", name: "z", selectors: "lt=atomic;zi", tolerations: "lt=atomic;zi",
  },
  V1beta1DeviceTaint: { effect: "en=NoExecute,NoSchedule;z", key: "z" },
  V1beta1DeviceToleration: {
    effect: "en=NoExecute,NoSchedule", operator: "en=Equal,Exists;df=\"Equal\"",
  },
  V1beta1IPAddress: { metadata: "z", spec: "z" },
  V1beta1IPAddressList: { items: "zi", metadata: "z" },
  V1beta1LeaseCandidate: { metadata: "z", spec: "z" },
  V1beta1LeaseCandidateList: { items: "zi", metadata: "z" },
  V1beta1LeaseCandidateSpec: {
    binaryVersion: "z", leaseName: "z", pingTime: "r=MicroTime", renewTime: "r=MicroTime",
  },
  V1beta1MatchCondition: { expression: "z", name: "z" },
  V1beta1MatchResources: { excludeResourceRules: "lt=atomic;zi", resourceRules: "lt=atomic;zi" },
  V1beta1MutatingAdmissionPolicy: { metadata: "z", spec: "z" },
  V1beta1MutatingAdmissionPolicyBinding: { metadata: "z", spec: "z" },
  V1beta1MutatingAdmissionPolicyBindingList: { items: "zi", metadata: "z" },
  V1beta1MutatingAdmissionPolicyList: { items: "zi", metadata: "z" },
  V1beta1MutatingAdmissionPolicySpec: {
    matchConditions: "ps=merge;pk=name;lt=map;lk=name;zi", mutations: "lt=atomic;zi",
    variables: "lt=atomic;zi",
  },
  V1beta1Mutation: { patchType: "en=ApplyConfiguration,JSONPatch;z" },
  V1beta1NamedRuleWithOperations: { resourceNames: "lt=atomic;zi" },
  V1beta1NetworkDeviceData: { ips: "lt=atomic;zi" },
  V1beta1OpaqueDeviceConfiguration: { driver: "z", parameters: "r=RawExtension" },
  V1beta1ResourceClaim: { metadata: "z", spec: "z", status: "z" },
  V1beta1ResourceClaimConsumerReference: { name: "z", resource: "z" },
  V1beta1ResourceClaimList: { items: "zi", metadata: "z" },
  V1beta1ResourceClaimSpec: { devices: "z" },
  V1beta1ResourceClaimStatus: {
    devices: "lt=map;lk=driver,device,pool,shareID;zi",
    reservedFor: "ps=merge;pk=uid;lt=map;lk=uid;zi",
  },
  V1beta1ResourceClaimTemplate: { metadata: "z", spec: "z" },
  V1beta1ResourceClaimTemplateList: { items: "zi", metadata: "z" },
  V1beta1ResourceClaimTemplateSpec: { metadata: "z", spec: "z" },
  V1beta1ResourcePool: { generation: "z", name: "z", resourceSliceCount: "z" },
  V1beta1ResourceSlice: { metadata: "z", spec: "z" },
  V1beta1ResourceSliceList: { items: "zi", metadata: "z" },
  V1beta1ResourceSliceSpec: {
    devices: "lt=atomic;zi", driver: "z", pool: "z", sharedCounters: "lt=atomic;zi",
  },
  V1beta1ServiceCIDR: { metadata: "z", spec: "z", status: "z" },
  V1beta1ServiceCIDRList: { items: "zi", metadata: "z" },
  V1beta1ServiceCIDRSpec: { cidrs: "lt=atomic;zi" },
  V1beta1ServiceCIDRStatus: { conditions: "ps=merge;pk=type;lt=map;lk=type;zi" },
  V1beta1Variable: { expression: "z", name: "z" },
  V1beta1VolumeAttributesClass: { driverName: "z", metadata: "z", parameters: "zi" },
  V1beta1VolumeAttributesClassList: { items: "zi", metadata: "z" },
  V1beta2AllocatedDeviceStatus: {
    conditions: "lt=map;lk=type;zi", data: "r=RawExtension", device: "z", driver: "z", pool: "z",
  },
  V1beta2AllocationResult: { devices: "z" },
  V1beta2CELDeviceSelector: { expression: "z" },
  V1beta2CapacityRequestPolicy: { default: "r=Quantity", validValues: "lt=atomic;r=Quantity" },
  V1beta2CapacityRequestPolicyRange: {
    max: "r=Quantity", min: "r=Quantity", step: "r=Quantity",
  },
  V1beta2CapacityRequirements: { requests: "r=Quantity" },
  V1beta2Counter: { value: "r=Quantity" },
  V1beta2CounterSet: { counters: "zi", name: "z" },
  V1beta2Device: {
    attributes: "zi", bindingConditions: "lt=atomic;zi", bindingFailureConditions: "lt=atomic;zi",
    capacity: "zi", consumesCounters: "lt=atomic;zi", name: "z", taints: "lt=atomic;zi",
  },
  V1beta2DeviceAllocationConfiguration: { requests: "lt=atomic;zi", source: "z" },
  V1beta2DeviceAllocationResult: { config: "lt=atomic;zi", results: "lt=atomic;zi" },
  V1beta2DeviceCapacity: { value: "r=Quantity" },
  V1beta2DeviceClaim: {
    config: "lt=atomic;zi", constraints: "lt=atomic;zi", requests: "lt=atomic;zi",
  },
  V1beta2DeviceClaimConfiguration: { requests: "lt=atomic;zi" },
  V1beta2DeviceClass: { metadata: "z", spec: "z" },
  V1beta2DeviceClassList: { items: "zi", metadata: "z" },
  V1beta2DeviceClassSpec: { config: "lt=atomic;zi", selectors: "lt=atomic;zi" },
  V1beta2DeviceConstraint: { requests: "lt=atomic;zi" },
  V1beta2DeviceCounterConsumption: { counterSet: "z", counters: "zi" },
  V1beta2DeviceRequest: { firstAvailable: "lt=atomic;zi", name: "z" },
  V1beta2DeviceRequestAllocationResult: {
    bindingConditions: "lt=atomic;zi", bindingFailureConditions: "lt=atomic;zi",
    consumedCapacity: "r=Quantity", device: "z", driver: "z", pool: "z", request: "z",
    tolerations: "lt=atomic;zi",
  },
  V1beta2DeviceSubRequest: {
    deviceClassName: "z", name: "z", selectors: "lt=atomic;zi", tolerations: "lt=atomic;zi",
  },
  V1beta2DeviceTaint: { effect: "en=NoExecute,NoSchedule;z", key: "z" },
  V1beta2DeviceToleration: {
    effect: "en=NoExecute,NoSchedule", operator: "en=Equal,Exists;df=\"Equal\"",
  },
  V1beta2ExactDeviceRequest: {
    deviceClassName: "z", selectors: "lt=atomic;zi", tolerations: "lt=atomic;zi",
  },
  V1beta2NetworkDeviceData: { ips: "lt=atomic;zi" },
  V1beta2OpaqueDeviceConfiguration: { driver: "z", parameters: "r=RawExtension" },
  V1beta2ResourceClaim: { metadata: "z", spec: "z", status: "z" },
  V1beta2ResourceClaimConsumerReference: { name: "z", resource: "z" },
  V1beta2ResourceClaimList: { items: "zi", metadata: "z" },
  V1beta2ResourceClaimSpec: { devices: "z" },
  V1beta2ResourceClaimStatus: {
    devices: "lt=map;lk=driver,device,pool,shareID;zi",
    reservedFor: "ps=merge;pk=uid;lt=map;lk=uid;zi",
  },
  V1beta2ResourceClaimTemplate: { metadata: "z", spec: "z" },
  V1beta2ResourceClaimTemplateList: { items: "zi", metadata: "z" },
  V1beta2ResourceClaimTemplateSpec: { metadata: "z", spec: "z" },
  V1beta2ResourcePool: { generation: "z", name: "z", resourceSliceCount: "z" },
  V1beta2ResourceSlice: { metadata: "z", spec: "z" },
  V1beta2ResourceSliceList: { items: "zi", metadata: "z" },
  V1beta2ResourceSliceSpec: {
    devices: "lt=atomic;zi", driver: "z", pool: "z", sharedCounters: "lt=atomic;zi",
  },
  V2ContainerResourceMetricSource: { container: "z", name: "z", target: "z" },
  V2ContainerResourceMetricStatus: { container: "z", current: "z", name: "z" },
  V2CrossVersionObjectReference: { kind: "z", name: "z" },
  V2ExternalMetricSource: { metric: "z", target: "z" },
  V2ExternalMetricStatus: { current: "z", metric: "z" },
  V2HPAScalingPolicy: { periodSeconds: "z", type: "z", value: "z" },
  V2HPAScalingRules: { policies: "lt=atomic;zi", tolerance: "r=Quantity" },
  V2HorizontalPodAutoscaler: { metadata: "z", spec: "z", status: "z" },
  V2HorizontalPodAutoscalerCondition: { status: "z", type: "z" },
  V2HorizontalPodAutoscalerList: { items: "zi", metadata: "z" },
  V2HorizontalPodAutoscalerSpec: {
    maxReplicas: "z", metrics: "lt=atomic;zi", scaleTargetRef: "z",
  },
  V2HorizontalPodAutoscalerStatus: {
    conditions: "ps=merge;pk=type;lt=map;lk=type;zi", currentMetrics: "lt=atomic;zi",
    desiredReplicas: "z",
  },
  V2MetricIdentifier: { name: "z" },
  V2MetricSpec: { type: "z" },
  V2MetricStatus: { type: "z" },
  V2MetricTarget: { averageValue: "r=Quantity", type: "z", value: "r=Quantity" },
  V2MetricValueStatus: { averageValue: "r=Quantity", value: "r=Quantity" },
  V2ObjectMetricSource: { describedObject: "z", metric: "z", target: "z" },
  V2ObjectMetricStatus: { current: "z", describedObject: "z", metric: "z" },
  V2PodsMetricSource: { metric: "z", target: "z" },
  V2PodsMetricStatus: { current: "z", metric: "z" },
  V2ResourceMetricSource: { name: "z", target: "z" },
  V2ResourceMetricStatus: { current: "z", name: "z" },
};

/** Type-level facts: mt= map type of a struct (`+structType=atomic`). */
export const TYPE_FACTS: Record<string, string> = {
  CoreV1EndpointPort: "mt=atomic",
  DiscoveryV1EndpointPort: "mt=atomic",
  RbacV1Subject: "mt=atomic",
  V1ConfigMapKeySelector: "mt=atomic",
  V1CrossVersionObjectReference: "mt=atomic",
  V1EndpointAddress: "mt=atomic",
  V1FileKeySelector: "mt=atomic",
  V1LabelSelector: "mt=atomic",
  V1LocalObjectReference: "mt=atomic",
  V1MatchResources: "mt=atomic",
  V1NamedRuleWithOperations: "mt=atomic",
  V1NodeSelector: "mt=atomic",
  V1NodeSelectorTerm: "mt=atomic",
  V1ObjectFieldSelector: "mt=atomic",
  V1ObjectReference: "mt=atomic",
  V1OwnerReference: "mt=atomic",
  V1ParamKind: "mt=atomic",
  V1ParamRef: "mt=atomic",
  V1ResourceFieldSelector: "mt=atomic",
  V1RoleRef: "mt=atomic",
  V1ScopeSelector: "mt=atomic",
  V1SecretKeySelector: "mt=atomic",
  V1SecretReference: "mt=atomic",
  V1ServiceBackendPort: "mt=atomic",
  V1TopologySelectorTerm: "mt=atomic",
  V1TypedLocalObjectReference: "mt=atomic",
  V1Variable: "mt=atomic",
  V1alpha1MatchResources: "mt=atomic",
  V1alpha1NamedRuleWithOperations: "mt=atomic",
  V1alpha1ParamKind: "mt=atomic",
  V1alpha1ParamRef: "mt=atomic",
  V1beta1MatchResources: "mt=atomic",
  V1beta1NamedRuleWithOperations: "mt=atomic",
  V1beta1ParamKind: "mt=atomic",
  V1beta1ParamRef: "mt=atomic",
  V1beta1Variable: "mt=atomic",
};

/** Descriptions of the definitions that have no client-node model (scalars and free-form values). */

