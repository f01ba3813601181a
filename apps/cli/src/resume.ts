// The command line that follows an image again after a wait ended early (Ctrl-C, --wait-timeout),
// or deletes a failed one, with the connection flags the user gave, so that it can be pasted as it is. Never a secret:
// credentials come from the environment or --token-file, which are named, not copied.
import type { CommonOptions, FollowOptions } from "./args.js";
import { redactHeader } from "./redact.js";

/** Quotes a word for a POSIX shell when it needs it. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

export function resumeCommand(imageId: string, common: CommonOptions, follow: FollowOptions): string {
  return commandLine(["wait", imageId], common, follow);
}

/** The command that deletes an image, for a failed save whose image keeps its name and tag. */
export function deleteCommand(imageId: string, common: CommonOptions): string {
  return commandLine(["image", "delete", imageId], common, {});
}

/** The command that shows a notebook instance, for a wait on one that ended early or failed. */
export function showNotebookCommand(instanceId: string, common: CommonOptions): string {
  return commandLine(["notebook", "show", instanceId], common, {});
}

function commandLine(command: string[], common: CommonOptions, follow: FollowOptions): string {
  const words = ["notebook-image", ...command];
  const add = (flag: string, value: string | undefined) => {
    if (value !== undefined) words.push(flag, value);
  };
  add("--project-id", common.projectId);
  add("--region", common.region);
  add("--endpoint", common.endpoint);
  add("--token-file", common.tokenFile);
  // A credential passed by hand in a header is left out: the user has to give it again.
  for (const [name, value] of common.headers) {
    if (redactHeader(name, value) === value) add("--header", `${name}: ${value}`);
  }
  add(
    "--poll-interval",
    follow.pollIntervalMs === undefined ? undefined : String(follow.pollIntervalMs / 1000),
  );
  return words.map(shellWord).join(" ");
}
