// What a container image reference can be. The spec's patterns for namespace, name and tag (from
// ModelArts' reference page) let through names no registry takes: `a..b`, `a___b`, `a.-b`, a tag
// `--x`. The docker engine then failed the save (CREATE_FAILED, "invalid reference format") while
// the simulated engine went ACTIVE; both now refuse such a request at once with 6336, naming the
// field. The rules are the OCI distribution reference grammar (distribution/reference, regexp.go):
//   path-component := alpha-numeric (separator alpha-numeric)*
//   alpha-numeric  := [a-z0-9]+
//   separator      := [_.] | "__" | [-]+
//   tag            := [\w][\w.-]{0,127}
import type { DomainError } from "./domain-error.js";
import { invalidParameter } from "./refusals.js";

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;

const COMPONENT_RULE =
  "is not a part of an image reference: lowercase letters and digits, separated by one '.', one or two '_', or any number of '-' (OCI distribution reference grammar)";

/** The refusal of a namespace, name or tag that cannot be part of an image reference; undefined when all can. */
export function referenceRefusal(target: {
  namespace: string;
  name: string;
  tag: string;
}): DomainError | undefined {
  if (!PATH_COMPONENT.test(target.namespace)) return invalidParameter("namespace", COMPONENT_RULE);
  if (!PATH_COMPONENT.test(target.name)) return invalidParameter("name", COMPONENT_RULE);
  if (!TAG.test(target.tag)) {
    return invalidParameter(
      "tag",
      "is not an image tag: it must start with a letter, a digit or '_' (OCI distribution reference grammar)",
    );
  }
  return undefined;
}
