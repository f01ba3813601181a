// Walking the bundled spec: follow a local $ref, find an operation by its operationId.

/** Follows a local `#/...` reference of the bundled spec (and the reference it points at, if any). */
export function deref(spec, node) {
  if (!node?.$ref) return node;
  const target = node.$ref
    .replace(/^#\//, "")
    .split("/")
    .reduce((obj, key) => obj?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  if (!target) throw new Error(`unresolved $ref ${node.$ref}`);
  return deref(spec, target);
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * The operation with this operationId: its path template, method, the operation object, and its
 * parameters (the path item's and its own, not yet dereferenced).
 */
export function findOperation(spec, operationId) {
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation?.operationId === operationId) {
        return {
          operationId,
          path,
          method,
          operation,
          parameters: [...(item.parameters ?? []), ...(operation.parameters ?? [])],
        };
      }
    }
  }
  throw new Error(`the spec has no operation with operationId ${operationId}`);
}
