import type { SchemaPart } from '../spec.js';

/**
 * core/v1 volume sources (pod volumes and persistent volumes) and the references they use.
 * Field numbers and types follow the k8s.io/api and k8s.io/apimachinery v0.32 wire format;
 * the `!` (keep zero) and `^` (inline) marks follow the Go types' pointers and JSON tags.
 * Grammar: see spec.ts.
 */
export const coreVolumeTables: SchemaPart = {
  'core.v1': {
    AWSElasticBlockStoreVolumeSource: 'volumeID=1! fsType=2 partition=3:i32 readOnly=4:bool',
    AzureDiskVolumeSource: 'diskName=1! diskURI=2! cachingMode=3! fsType=4! readOnly=5:bool! kind=6!',
    AzureFilePersistentVolumeSource: 'secretName=1! shareName=2! readOnly=3:bool secretNamespace=4!',
    AzureFileVolumeSource: 'secretName=1! shareName=2! readOnly=3:bool',
    CSIPersistentVolumeSource:
      'driver=1! volumeHandle=2! readOnly=3:bool fsType=4 volumeAttributes=5:{s} ' +
      'controllerPublishSecretRef=6:SecretReference nodeStageSecretRef=7:SecretReference ' +
      'nodePublishSecretRef=8:SecretReference controllerExpandSecretRef=9:SecretReference ' +
      'nodeExpandSecretRef=10:SecretReference',
    CSIVolumeSource:
      'driver=1! readOnly=2:bool! fsType=3! volumeAttributes=4:{s} nodePublishSecretRef=5:LocalObjectReference',
    CephFSPersistentVolumeSource:
      'monitors=1:[]s path=2 user=3 secretFile=4 secretRef=5:SecretReference readOnly=6:bool',
    CephFSVolumeSource:
      'monitors=1:[]s path=2 user=3 secretFile=4 secretRef=5:LocalObjectReference readOnly=6:bool',
    CinderPersistentVolumeSource: 'volumeID=1! fsType=2 readOnly=3:bool secretRef=4:SecretReference',
    CinderVolumeSource: 'volumeID=1! fsType=2 readOnly=3:bool secretRef=4:LocalObjectReference',
    ClusterTrustBundleProjection:
      'name=1! signerName=2! labelSelector=3:meta.v1.LabelSelector optional=5:bool! path=4!',
    ConfigMapProjection: 'localObjectReference=1:LocalObjectReference^ items=2:[]KeyToPath optional=4:bool!',
    ConfigMapVolumeSource:
      'localObjectReference=1:LocalObjectReference^ items=2:[]KeyToPath defaultMode=3:i32! optional=4:bool!',
    DownwardAPIProjection: 'items=1:[]DownwardAPIVolumeFile',
    DownwardAPIVolumeFile:
      'path=1! fieldRef=2:ObjectFieldSelector resourceFieldRef=3:ResourceFieldSelector mode=4:i32!',
    DownwardAPIVolumeSource: 'items=1:[]DownwardAPIVolumeFile defaultMode=2:i32!',
    EmptyDirVolumeSource: 'medium=1 sizeLimit=2:resource.Quantity',
    EphemeralVolumeSource: 'volumeClaimTemplate=1:PersistentVolumeClaimTemplate',
    FCVolumeSource: 'targetWWNs=1:[]s lun=2:i32! fsType=3 readOnly=4:bool wwids=5:[]s',
    FlexPersistentVolumeSource: 'driver=1! fsType=2 secretRef=3:SecretReference readOnly=4:bool options=5:{s}',
    FlexVolumeSource: 'driver=1! fsType=2 secretRef=3:LocalObjectReference readOnly=4:bool options=5:{s}',
    FlockerVolumeSource: 'datasetName=1 datasetUUID=2',
    GCEPersistentDiskVolumeSource: 'pdName=1! fsType=2 partition=3:i32 readOnly=4:bool',
    GitRepoVolumeSource: 'repository=1! revision=2 directory=3',
    GlusterfsPersistentVolumeSource: 'endpoints=1! path=2! readOnly=3:bool endpointsNamespace=4!',
    GlusterfsVolumeSource: 'endpoints=1! path=2! readOnly=3:bool',
    HostPathVolumeSource: 'path=1! type=2!',
    ISCSIPersistentVolumeSource:
      'targetPortal=1! iqn=2! lun=3:i32! iscsiInterface=4 fsType=5 readOnly=6:bool portals=7:[]s ' +
      'chapAuthDiscovery=8:bool chapAuthSession=11:bool secretRef=10:SecretReference initiatorName=12!',
    ISCSIVolumeSource:
      'targetPortal=1! iqn=2! lun=3:i32! iscsiInterface=4 fsType=5 readOnly=6:bool portals=7:[]s ' +
      'chapAuthDiscovery=8:bool chapAuthSession=11:bool secretRef=10:LocalObjectReference initiatorName=12!',
    ImageVolumeSource: 'reference=1 pullPolicy=2',
    KeyToPath: 'key=1! path=2! mode=3:i32!',
    LocalObjectReference: 'name=1',
    LocalVolumeSource: 'path=1! fsType=2!',
    NFSVolumeSource: 'server=1! path=2! readOnly=3:bool',
    ObjectFieldSelector: 'apiVersion=1 fieldPath=2!',
    ObjectReference: 'kind=1 namespace=2 name=3 uid=4 apiVersion=5 resourceVersion=6 fieldPath=7',
    PersistentVolumeClaimSpec:
      'accessModes=1:[]s selector=4:meta.v1.LabelSelector resources=2:VolumeResourceRequirements volumeName=3 ' +
      'storageClassName=5! volumeMode=6! dataSource=7:TypedLocalObjectReference ' +
      'dataSourceRef=8:TypedObjectReference volumeAttributesClassName=9!',
    PersistentVolumeClaimTemplate: 'metadata=1:meta.v1.ObjectMeta spec=2:PersistentVolumeClaimSpec',
    PersistentVolumeClaimVolumeSource: 'claimName=1! readOnly=2:bool',
    PersistentVolumeSource:
      'gcePersistentDisk=1:GCEPersistentDiskVolumeSource ' +
      'awsElasticBlockStore=2:AWSElasticBlockStoreVolumeSource hostPath=3:HostPathVolumeSource ' +
      'glusterfs=4:GlusterfsPersistentVolumeSource nfs=5:NFSVolumeSource rbd=6:RBDPersistentVolumeSource ' +
      'iscsi=7:ISCSIPersistentVolumeSource cinder=8:CinderPersistentVolumeSource ' +
      'cephfs=9:CephFSPersistentVolumeSource fc=10:FCVolumeSource flocker=11:FlockerVolumeSource ' +
      'flexVolume=12:FlexPersistentVolumeSource azureFile=13:AzureFilePersistentVolumeSource ' +
      'vsphereVolume=14:VsphereVirtualDiskVolumeSource quobyte=15:QuobyteVolumeSource ' +
      'azureDisk=16:AzureDiskVolumeSource photonPersistentDisk=17:PhotonPersistentDiskVolumeSource ' +
      'portworxVolume=18:PortworxVolumeSource scaleIO=19:ScaleIOPersistentVolumeSource ' +
      'local=20:LocalVolumeSource storageos=21:StorageOSPersistentVolumeSource ' +
      'csi=22:CSIPersistentVolumeSource',
    PhotonPersistentDiskVolumeSource: 'pdID=1! fsType=2',
    PortworxVolumeSource: 'volumeID=1! fsType=2 readOnly=3:bool',
    ProjectedVolumeSource: 'sources=1:[]VolumeProjection defaultMode=2:i32!',
    QuobyteVolumeSource: 'registry=1! volume=2! readOnly=3:bool user=4 group=5 tenant=6',
    RBDPersistentVolumeSource:
      'monitors=1:[]s image=2! fsType=3 pool=4 user=5 keyring=6 secretRef=7:SecretReference readOnly=8:bool',
    RBDVolumeSource:
      'monitors=1:[]s image=2! fsType=3 pool=4 user=5 keyring=6 secretRef=7:LocalObjectReference ' +
      'readOnly=8:bool',
    ResourceFieldSelector: 'containerName=1 resource=2! divisor=3:resource.Quantity',
    ScaleIOPersistentVolumeSource:
      'gateway=1! system=2! secretRef=3:SecretReference sslEnabled=4:bool protectionDomain=5 storagePool=6 ' +
      'storageMode=7 volumeName=8 fsType=9 readOnly=10:bool',
    ScaleIOVolumeSource:
      'gateway=1! system=2! secretRef=3:LocalObjectReference sslEnabled=4:bool protectionDomain=5 ' +
      'storagePool=6 storageMode=7 volumeName=8 fsType=9 readOnly=10:bool',
    SecretProjection: 'localObjectReference=1:LocalObjectReference^ items=2:[]KeyToPath optional=4:bool!',
    SecretReference: 'name=1 namespace=2',
    SecretVolumeSource: 'secretName=1 items=2:[]KeyToPath defaultMode=3:i32! optional=4:bool!',
    ServiceAccountTokenProjection: 'audience=1 expirationSeconds=2:i64! path=3!',
    StorageOSPersistentVolumeSource:
      'volumeName=1 volumeNamespace=2 fsType=3 readOnly=4:bool secretRef=5:ObjectReference',
    StorageOSVolumeSource:
      'volumeName=1 volumeNamespace=2 fsType=3 readOnly=4:bool secretRef=5:LocalObjectReference',
    TypedLocalObjectReference: 'apiGroup=1! kind=2! name=3!',
    TypedObjectReference: 'apiGroup=1! kind=2! name=3! namespace=4!',
    VolumeProjection:
      'secret=1:SecretProjection downwardAPI=2:DownwardAPIProjection configMap=3:ConfigMapProjection ' +
      'serviceAccountToken=4:ServiceAccountTokenProjection clusterTrustBundle=5:ClusterTrustBundleProjection',
    VolumeResourceRequirements: 'limits=1:{resource.Quantity} requests=2:{resource.Quantity}',
    VolumeSource:
      'hostPath=1:HostPathVolumeSource emptyDir=2:EmptyDirVolumeSource ' +
      'gcePersistentDisk=3:GCEPersistentDiskVolumeSource ' +
      'awsElasticBlockStore=4:AWSElasticBlockStoreVolumeSource gitRepo=5:GitRepoVolumeSource ' +
      'secret=6:SecretVolumeSource nfs=7:NFSVolumeSource iscsi=8:ISCSIVolumeSource ' +
      'glusterfs=9:GlusterfsVolumeSource persistentVolumeClaim=10:PersistentVolumeClaimVolumeSource ' +
      'rbd=11:RBDVolumeSource flexVolume=12:FlexVolumeSource cinder=13:CinderVolumeSource ' +
      'cephfs=14:CephFSVolumeSource flocker=15:FlockerVolumeSource downwardAPI=16:DownwardAPIVolumeSource ' +
      'fc=17:FCVolumeSource azureFile=18:AzureFileVolumeSource configMap=19:ConfigMapVolumeSource ' +
      'vsphereVolume=20:VsphereVirtualDiskVolumeSource quobyte=21:QuobyteVolumeSource ' +
      'azureDisk=22:AzureDiskVolumeSource photonPersistentDisk=23:PhotonPersistentDiskVolumeSource ' +
      'projected=26:ProjectedVolumeSource portworxVolume=24:PortworxVolumeSource ' +
      'scaleIO=25:ScaleIOVolumeSource storageos=27:StorageOSVolumeSource csi=28:CSIVolumeSource ' +
      'ephemeral=29:EphemeralVolumeSource image=30:ImageVolumeSource',
    VsphereVirtualDiskVolumeSource: 'volumePath=1! fsType=2 storagePolicyName=3 storagePolicyID=4',
  },
};
