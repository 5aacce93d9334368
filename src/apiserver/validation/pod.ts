/**
 * Pod validation with upstream's paths and messages (k8s.io/kubernetes pkg/apis/core/validation):
 * create (`validatePod`), PodSpec and workload templates, updates and status updates. The
 * rules live in `./pod/`; this module is the entry point other packages import.
 */
export { validatePod, validatePodMetadataAndSpec, validatePodSpec, validatePodTemplateSpec } from './pod/spec.js';
export { UPDATABLE_POD_SPEC_FIELDS, validatePodStatusUpdate, validatePodUpdate } from './pod/update.js';
export { type PodValidationOptions, defaultPodValidationOptions, podValidationOptions } from './pod/common.js';
export { validateTolerations } from './pod/scheduling.js';
export { validateContainerResourceRequirements } from './pod/resources.js';
