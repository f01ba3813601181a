// npm install @notebook-image/client
import { createNotebookImageClient } from "@notebook-image/client";

const token = process.env.NOTEBOOK_IMAGE_TOKEN;
if (!token) throw new Error("Set NOTEBOOK_IMAGE_TOKEN to an IAM token scoped to the project.");
const client = createNotebookImageClient({
  projectId: "0f7a8e3b9c6d4e2f8a1b2c3d4e5f6a7b",
  region: "cn-north-4",
  auth: { token },
});
const imageId = "4e0d1854-63e5-4517-b683-a0ee97a692a1";

// One look at the image…
const image = await client.getImage(imageId);
console.log(image.status, image.status_message ?? "");

// …or follow it until it is ACTIVE (rejects with ImageSaveFailedError or TimeoutError otherwise).
const active = await client.waitForImage(imageId, {
  timeoutMs: 10 * 60_000,
  pollIntervalMs: 10_000,
  onProgress: (current) => console.log(`now ${current.status}`),
});
console.log(`ready: ${active.swr_path}`);
