// The repositories with ShowImage and ListImages answered from memory (image-memory.ts): every method that writes
// images tells the memory what its answer changed. These are all of them: images' insert, update,
// showProgress and delete, and the save queue's enqueue (the new image) and record (each step
// writes the job's image); the store's reset and transactions forget everything (open-store.ts).
// remembered-images.test.ts calls every method of the repositories with images held and fails when
// one leaves an image stale: a method added to the ports that writes images fails there until it is
// added here.
import type { StoreSession } from "../domain/store-port.js";
import type { ImageMemory } from "./image-memory.js";

export function rememberImages(session: StoreSession, memory: ImageMemory): StoreSession {
  const { images, saveJobs } = session;
  return {
    ...session,
    images: {
      ...images,
      get: (projectId, id) => memory.get(projectId, id, () => images.get(projectId, id)),
      list: (query) => memory.list(query, () => images.list(query)),
      insert: (image) =>
        memory.write(
          () => images.insert(image),
          () => [{ id: image.id, image }],
        ),
      update: (id, patch) =>
        memory.write(
          () => images.update(id, patch),
          (image) => [{ id, image }],
        ),
      // Changed or not (only while CREATING), its row is not returned: forgotten.
      showProgress: (id, message, now) =>
        memory.write(
          () => images.showProgress(id, message, now),
          () => [{ id }],
        ),
      delete: (projectId, id) =>
        memory.write(
          () => images.delete(projectId, id),
          () => [{ id }],
        ),
    },
    saveJobs: {
      ...saveJobs,
      enqueue: (job, image) =>
        memory.write(
          () => saveJobs.enqueue(job, image),
          () => [{ id: image.id, image }],
        ),
      // The step's image as the statement returned it; none when the worker no longer held the job.
      record: (id, workerId, change, now) =>
        memory.write(
          () => saveJobs.record(id, workerId, change, now),
          (claimed) => (claimed?.image ? [{ id: claimed.image.id, image: claimed.image }] : []),
        ),
    },
  };
}
