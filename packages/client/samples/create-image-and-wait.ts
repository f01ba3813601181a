// npm install @notebook-image/client
import { createNotebookImageClient, ImageSaveFailedError, TimeoutError } from "@notebook-image/client";

const token = process.env.NOTEBOOK_IMAGE_TOKEN;
if (!token) throw new Error("Set NOTEBOOK_IMAGE_TOKEN to an IAM token scoped to the project.");

const client = createNotebookImageClient({
  projectId: "0f7a8e3b9c6d4e2f8a1b2c3d4e5f6a7b",
  region: "cn-north-4",
  auth: { token },
});

try {
  // Saves, then polls the image (every 10 s, for up to 5 minutes by default) until it is ACTIVE.
  const image = await client.saveInstanceAsImage(
    "6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b",
    { name: "pytorch1_4", namespace: "atelier-auto", tag: "20221223" },
    {
      wait: {
        timeoutMs: 15 * 60_000,
        onProgress: (current, { elapsedMs }) => console.log(`${current.status} after ${elapsedMs} ms`),
      },
    },
  );
  console.log(`ready: ${image.swr_path}`);
} catch (error) {
  if (error instanceof ImageSaveFailedError) {
    // CREATE_FAILED or ERROR: ModelArts says why in status_message.
    console.error(`the save failed: ${error.statusMessage ?? error.image.status}`);
  } else if (error instanceof TimeoutError && error.image) {
    // The save goes on: follow it later with client.waitForImage(error.image.id).
    console.error(`still ${error.image.status}; image id ${error.image.id}`);
  } else {
    throw error;
  }
}
