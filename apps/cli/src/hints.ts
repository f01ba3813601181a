/**
 * What to do about the ModelArts error codes a save can meet (the table in
 * shared/reference/api-facts.md). The codes are ModelArts', the advice is this CLI's.
 */
const hints: Record<string, string> = {
  "ModelArts.6309": "no such instance: check the instance id, --project-id and --region",
  "ModelArts.6327": "start the instance first: only a RUNNING instance can be saved",
  "ModelArts.6306": "the instance is still starting: wait until it is RUNNING, then save again",
  "ModelArts.6307": "the instance is stopped: start it first, then save again",
  "ModelArts.6308": "the instance is stopping: start it again once it has stopped, then save",
  "ModelArts.6357": "another operation is running on the instance: wait for it to finish",
  "ModelArts.6326": "the instance is frozen (the account is in arrears): top up the account first",
  "ModelArts.2880": "an image is already being saved from this instance: wait for that save to finish",
  "ModelArts.2884": "an image with this name and tag exists: choose another --tag or --name",
  "ModelArts.2885":
    "create the SWR organization given by --namespace in the SWR console, or ask for access to it",
  "ModelArts.2845": "the image is too large: remove large files from the instance's disk and save again",
  "ModelArts.0118": "quota exceeded: delete images you no longer need or ask for a higher quota",
  "ModelArts.0101": "ModelArts rejected a parameter: check the values given",
  "ModelArts.0104": "ModelArts rejected a parameter: check the values given",
  "ModelArts.0108":
    "your account is not allowed to do this: ask an administrator for ModelArts permissions in IAM",
  "ModelArts.0210": "the project id does not match the token: check --project-id and --region",
  "ModelArts.6404": "not found: check the instance id, --project-id and --region",
  "ModelArts.6101": "ModelArts is busy: try again in a minute",
  "ModelArts.0010": "ModelArts failed internally: check whether the image is being saved before trying again",
};

const authHint =
  "authentication failed: check the token (tokens expire after 24 hours) or HUAWEICLOUD_SDK_AK/SK";

/** A hint for an error code, or undefined when there is nothing more useful to say than the message. */
export function hintFor(errorCode: string | undefined): string | undefined {
  if (errorCode === undefined) return undefined;
  const known = hints[errorCode];
  if (known !== undefined) return known;
  // ModelArts.0201 to 0212 are authentication failures (0210 is handled above).
  const auth = /^ModelArts\.02(\d\d)$/.exec(errorCode);
  if (auth?.[1] !== undefined && Number(auth[1]) >= 1 && Number(auth[1]) <= 12) return authHint;
  if (errorCode.startsWith("APIGW.")) return `the API gateway refused the request; ${authHint}`;
  return undefined;
}
