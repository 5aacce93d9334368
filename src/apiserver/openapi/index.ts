/**
 * OpenAPI for the API server: the `/openapi/v3` index and per-group-version documents, the
 * `/openapi/v2` Swagger document, and strict field validation (unknown and duplicate fields).
 */
export { gvPath, type Flavor, type GroupVersionInfo, type JsonObject, type ResourceInfo } from './types.js';
export { definitionName } from './names.js';
export { upstreamFieldFacts, type FieldFacts } from './facts.js';
export {
  findOpenapiV3GroupVersion,
  openapiV3Document,
  openapiV3Index,
  openapiV3Serialized,
  OPENAPI_INFO_VERSION,
  type SerializedDocument,
} from './v3.js';
export { openapiV2Document, openapiV2Serialized } from './v2.js';
export { acceptsJson, openapiHttpResponse, type OpenapiResponse } from './http.js';
export {
  duplicateFieldError,
  findDuplicateFields,
  findUnknownFields,
  goQuote,
  strictDecodingError,
  strictDecodingErrors,
  strictDecodingMessage,
  unknownFieldError,
} from './unknown-fields.js';
