// The control API's time and faults: how a save moves on (at once, over time, by hand) and which
// saves fail.
import type { FaultSettings, ImageRecord, TransitionSettings } from "../domain/store-port.js";
import { ControlError } from "./control-error.js";
import type { ControlServiceOptions } from "./control-service.js";

/**
 * Also moves the saves already waiting, so that switching to immediate never leaves one held (the
 * store's notices wake the workers for them).
 */
export async function setTransitions(
  { store, clock }: ControlServiceOptions,
  transitions: TransitionSettings,
) {
  await store.settings.setTransitions(transitions);
  const now = clock.now();
  for (const job of await store.saveJobs.listUnfinished()) {
    if (transitions.mode === "immediate") await store.saveJobs.setDue(job.id, now, now);
    else if (transitions.mode === "time" && job.dueAt === null) {
      const delay = job.phase === "queued" ? transitions.creatingAfterMs : transitions.activeAfterMs;
      await store.saveJobs.setDue(job.id, now + delay, now);
    }
  }
  return transitions;
}

export async function setFaults({ store }: ControlServiceOptions, faults: FaultSettings) {
  await store.settings.setFaults(faults);
  return faults;
}

/** Makes the image's next step (INIT → CREATING, CREATING → ACTIVE or CREATE_FAILED) due now; answers once it is taken. */
export async function advanceImage(options: ControlServiceOptions, imageId: string) {
  const { store, clock } = options;
  const job = await store.saveJobs.getByImage(imageId);
  const image = job ? await store.images.get(job.projectId, imageId) : undefined;
  if (!job || !image) throw new ControlError(404, `There is no saved image ${imageId}.`);
  if (job.phase === "done" || job.phase === "failed") {
    throw new ControlError(409, `The image ${imageId} is ${image.status}: it has no step left.`);
  }
  const changed = waitForChange(options, image);
  // The store's notice of it wakes the worker.
  await store.saveJobs.setDue(job.id, clock.now(), clock.now());
  return changed;
}

/** The image once its status differs from `before` (or as it stands when the wait times out). */
function waitForChange(
  { store, worker, advanceTimeoutMs }: ControlServiceOptions,
  before: ImageRecord,
): Promise<ImageRecord> {
  const deadline = Date.now() + (advanceTimeoutMs ?? 10_000);
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const settle = (image: ImageRecord) => {
      unsubscribe();
      clearTimeout(timer);
      resolve(image);
    };
    const unsubscribe = worker.onImageChange((image) => {
      if (image.id === before.id && image.status !== before.status) settle(image);
    });
    // Another replica may take the step: look at the store too.
    const poll = () => {
      store.images
        .get(before.projectId, before.id)
        .then((image) => {
          if (!image) return reject(new ControlError(404, `The image ${before.id} was deleted.`));
          if (image.status !== before.status || Date.now() >= deadline) return settle(image);
          timer = setTimeout(poll, 100);
        })
        .catch(reject);
    };
    timer = setTimeout(poll, 100);
  });
}
