import type { SchemaPart } from '../spec.js';

/**
 * rbac, authentication, authorization and certificates v1 messages.
 * Field numbers and types follow the k8s.io/api and k8s.io/apimachinery v0.32 wire format;
 * the `!` (keep zero) and `^` (inline) marks follow the Go types' pointers and JSON tags.
 * Grammar: see spec.ts.
 */
export const authTables: SchemaPart = {
  'rbac.v1': {
    AggregationRule: 'clusterRoleSelectors=1:[]meta.v1.LabelSelector',
    ClusterRole: 'metadata=1:meta.v1.ObjectMeta rules=2:[]PolicyRule aggregationRule=3:AggregationRule',
    ClusterRoleBinding: 'metadata=1:meta.v1.ObjectMeta subjects=2:[]Subject roleRef=3:RoleRef',
    PolicyRule: 'verbs=1:[]s apiGroups=2:[]s resources=3:[]s resourceNames=4:[]s nonResourceURLs=5:[]s',
    Role: 'metadata=1:meta.v1.ObjectMeta rules=2:[]PolicyRule',
    RoleBinding: 'metadata=1:meta.v1.ObjectMeta subjects=2:[]Subject roleRef=3:RoleRef',
    RoleRef: 'apiGroup=1! kind=2! name=3!',
    Subject: 'kind=1! apiGroup=2 name=3! namespace=4',
  },
  'authentication.v1': {
    BoundObjectReference: 'kind=1 apiVersion=2 name=3 uID=4@uid',
    ExtraValue: 'items=1:[]s',
    SelfSubjectReview: 'metadata=1:meta.v1.ObjectMeta status=2:SelfSubjectReviewStatus',
    SelfSubjectReviewStatus: 'userInfo=1:UserInfo',
    TokenRequest: 'metadata=1:meta.v1.ObjectMeta spec=2:TokenRequestSpec status=3:TokenRequestStatus',
    TokenRequestSpec: 'audiences=1:[]s expirationSeconds=4:i64! boundObjectRef=3:BoundObjectReference',
    TokenRequestStatus: 'token=1! expirationTimestamp=2:meta.v1.Time',
    TokenReview: 'metadata=1:meta.v1.ObjectMeta spec=2:TokenReviewSpec status=3:TokenReviewStatus',
    TokenReviewSpec: 'token=1 audiences=2:[]s',
    TokenReviewStatus: 'authenticated=1:bool user=2:UserInfo audiences=4:[]s error=3',
    UserInfo: 'username=1 uid=2 groups=3:[]s extra=4:{ExtraValue}',
  },
  'authorization.v1': {
    ExtraValue: 'items=1:[]s',
    FieldSelectorAttributes: 'rawSelector=1 requirements=2:[]meta.v1.FieldSelectorRequirement',
    LabelSelectorAttributes: 'rawSelector=1 requirements=2:[]meta.v1.LabelSelectorRequirement',
    LocalSubjectAccessReview:
      'metadata=1:meta.v1.ObjectMeta spec=2:SubjectAccessReviewSpec status=3:SubjectAccessReviewStatus',
    NonResourceAttributes: 'path=1 verb=2',
    NonResourceRule: 'verbs=1:[]s nonResourceURLs=2:[]s',
    ResourceAttributes:
      'namespace=1 verb=2 group=3 version=4 resource=5 subresource=6 name=7 ' +
      'fieldSelector=8:FieldSelectorAttributes labelSelector=9:LabelSelectorAttributes',
    ResourceRule: 'verbs=1:[]s apiGroups=2:[]s resources=3:[]s resourceNames=4:[]s',
    SelfSubjectAccessReview:
      'metadata=1:meta.v1.ObjectMeta spec=2:SelfSubjectAccessReviewSpec status=3:SubjectAccessReviewStatus',
    SelfSubjectAccessReviewSpec:
      'resourceAttributes=1:ResourceAttributes nonResourceAttributes=2:NonResourceAttributes',
    SelfSubjectRulesReview:
      'metadata=1:meta.v1.ObjectMeta spec=2:SelfSubjectRulesReviewSpec status=3:SubjectRulesReviewStatus',
    SelfSubjectRulesReviewSpec: 'namespace=1',
    SubjectAccessReview:
      'metadata=1:meta.v1.ObjectMeta spec=2:SubjectAccessReviewSpec status=3:SubjectAccessReviewStatus',
    SubjectAccessReviewSpec:
      'resourceAttributes=1:ResourceAttributes nonResourceAttributes=2:NonResourceAttributes user=3 ' +
      'groups=4:[]s extra=5:{ExtraValue} uid=6',
    SubjectAccessReviewStatus: 'allowed=1:bool! denied=4:bool reason=2 evaluationError=3',
    SubjectRulesReviewStatus:
      'resourceRules=1:[]ResourceRule nonResourceRules=2:[]NonResourceRule incomplete=3:bool! ' +
      'evaluationError=4',
  },
  'certificates.v1': {
    CertificateSigningRequest:
      'metadata=1:meta.v1.ObjectMeta spec=2:CertificateSigningRequestSpec ' +
      'status=3:CertificateSigningRequestStatus',
    CertificateSigningRequestCondition:
      'type=1! status=6! reason=2 message=3 lastUpdateTime=4:meta.v1.Time lastTransitionTime=5:meta.v1.Time',
    CertificateSigningRequestSpec:
      'request=1:bytes! signerName=7! expirationSeconds=8:i32! usages=5:[]s username=2 uid=3 groups=4:[]s ' +
      'extra=6:{ExtraValue}',
    CertificateSigningRequestStatus: 'conditions=1:[]CertificateSigningRequestCondition certificate=2:bytes',
    ExtraValue: 'items=1:[]s',
  },
};
