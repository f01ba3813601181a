// Redocly plugin: the shape of the spec's `x-error-codes` (error-codes.yaml), so that `redocly lint`
// (rule `struct`, in the recommended preset) refuses a misspelt field, a status that is not an
// integer or an entry without its hint, as it does for the OpenAPI objects themselves.
const ErrorCodes = {
  properties: { gatewayPrefix: { type: "string" }, codes: "ErrorCodeMap", ranges: "ErrorCodeRangeList" },
  required: ["codes", "ranges"],
};
const ErrorCodeMap = { properties: {}, additionalProperties: "ErrorCode" };
const statuses = { type: "array", items: { type: "integer", minimum: 400, maximum: 599 } };
const ErrorCode = {
  properties: {
    statuses,
    summary: { type: "string" },
    hint: { type: "string" },
    operations: "ErrorHintsByOperation",
    credentialHints: "ErrorHintsByCredential",
    messages: "ErrorMessages",
  },
  required: ["statuses", "summary", "hint"],
};
const ErrorCodeRangeList = { properties: {}, items: "ErrorCodeRange" };
const ErrorCodeRange = {
  properties: {
    from: { type: "string" },
    to: { type: "string" },
    statuses,
    summary: { type: "string" },
    hint: { type: "string" },
    credentialHints: "ErrorHintsByCredential",
  },
  required: ["from", "to", "statuses", "summary", "hint"],
};
const ErrorHintsByOperation = { properties: {}, additionalProperties: { type: "string" } };
const ErrorHintsByCredential = {
  properties: { token: { type: "string" }, "access-key": { type: "string" } },
};
const ErrorMessages = { properties: {}, additionalProperties: { type: "string" } };

export default function errorCodesPlugin() {
  return {
    id: "error-codes",
    typeExtension: {
      oas3(types) {
        return {
          ...types,
          ErrorCodes,
          ErrorCodeMap,
          ErrorCode,
          ErrorCodeRangeList,
          ErrorCodeRange,
          ErrorHintsByOperation,
          ErrorHintsByCredential,
          ErrorMessages,
          Root: { ...types.Root, properties: { ...types.Root.properties, "x-error-codes": "ErrorCodes" } },
        };
      },
    },
  };
}
