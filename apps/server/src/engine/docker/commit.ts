// A save's commit: the notebook's container snapshotted as the save's intermediate image, its
// notebook labels blanked out so that the image does not pass for the notebook.
import type Docker from "dockerode";
import { type Engine, EngineError, type EngineStepContext } from "../engine.js";
import {
  intermediateRef,
  NOTEBOOK_ID_LABEL,
  NOTEBOOK_NAME_LABEL,
  PROJECT_ID_LABEL,
  SAVE_JOB_LABEL,
  SAVED_FROM_LABEL,
} from "./labels.js";
import { dial, imageExists, messageOf, splitReference, unavailable, untag } from "./local-images.js";
import { containerName, type NotebookContainers } from "./notebook-containers.js";

export interface CommitDeps {
  docker: Docker;
  containers: NotebookContainers;
  /** Pause the container during the commit (see DockerEngineOptions.pause). */
  pause: boolean;
}

/** Commits the notebook's container to the job's intermediate image; rejects with an EngineError saying why. */
export async function commitNotebook(
  { docker, containers, pause }: CommitDeps,
  input: Parameters<Engine["commit"]>[0],
  ctx: EngineStepContext,
): Promise<{ localRef: string }> {
  const localRef = intermediateRef(ctx.jobId);
  // A resumed save whose commit completed before the restart keeps that snapshot.
  if (ctx.resumed !== false && (await imageExists(docker, localRef))) return { localRef };
  ctx.progress("committing the notebook's container");
  // The engine keeps the container's CMD in the image by itself; the labels change. The
  // container's labels would be copied into the image, and every container run from it would
  // then pass for the notebook: they are blanked out, the origin kept under another name. One
  // label per instruction: podman takes `LABEL a="" b=""` as a single label a.
  const changes = [
    ...[NOTEBOOK_ID_LABEL, PROJECT_ID_LABEL, NOTEBOOK_NAME_LABEL].map((label) => `LABEL ${label}=""`),
    `LABEL ${SAVED_FROM_LABEL}=${JSON.stringify(input.notebookId)}`,
    `LABEL ${SAVE_JOB_LABEL}=${JSON.stringify(ctx.jobId)}`,
  ];
  const [repo, tag] = splitReference(localRef);
  // A paused container is committed as it is (the engine never pauses one twice).
  const commitOf = (container: string) =>
    dial(docker, {
      path: "/commit?",
      method: "POST",
      options: { _query: { container, repo, tag, pause, changes }, _body: {} },
      allowEmpty: true,
      abortSignal: ctx.signal,
      statusCodes: { 200: true, 201: true, 404: "no such container", 500: "server error" },
    });
  // The container the engine created is committed by its name while it is inspected: every
  // round trip before the work counts in a small save. What the inspection finds decides
  // whether that snapshot stands; a container it does not stand for is committed by its id after.
  const byName = containerName(input.notebookId);
  const [inspected, first] = await Promise.allSettled([
    containers.inspect(input.notebookId),
    commitOf(byName),
  ]);
  const discard = () => (first.status === "fulfilled" ? untag(docker, localRef) : Promise.resolve());
  if (inspected.status === "rejected") {
    await discard().catch(() => undefined);
    throw unavailable("the engine could not find the notebook's container", inspected.reason);
  }
  const container = inspected.value;
  if (!container) {
    await discard();
    throw new EngineError(
      "notebook-not-found",
      `no container is labelled ${NOTEBOOK_ID_LABEL}=${input.notebookId} on the engine`,
    );
  }
  const state = container.State.Status;
  // Paused: by this very commit, or FROZEN by hand (which create-image refuses first).
  if (state !== "running" && state !== "paused") {
    await discard();
    throw new EngineError(
      "notebook-not-running",
      `the notebook's container is ${state}: start it before saving it`,
    );
  }
  const committedByName = container.Name.replace(/^\//, "") === byName;
  if (committedByName && first.status === "fulfilled") return { localRef };
  try {
    if (first.status === "rejected" && committedByName) throw first.reason;
    // A container made by someone else, found by its label: committed by its id.
    await discard();
    await commitOf(container.Id);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) {
      throw new EngineError("notebook-not-found", `the notebook's container is gone: ${messageOf(error)}`);
    }
    throw new EngineError("commit-failed", `the commit failed: ${messageOf(error)}`);
  }
  return { localRef };
}
