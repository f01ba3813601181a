// npm install @notebook-image/client
import { createNotebookImageClient } from "@notebook-image/client";

const token = process.env.NOTEBOOK_IMAGE_TOKEN;
if (!token) throw new Error("Set NOTEBOOK_IMAGE_TOKEN to an IAM token scoped to the project.");
const client = createNotebookImageClient({
  projectId: "0f7a8e3b9c6d4e2f8a1b2c3d4e5f6a7b",
  region: "cn-north-4",
  auth: { token },
});

const notebook = await client.getNotebook("6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b");
// RUNNING: ready to be saved; SNAPSHOTTING: a save is running. After a save, image.id is the new image.
console.log(notebook.status, notebook.image?.id);
// Not in a saved image: what lives on the mounted work volume.
console.log(`left out of images: ${notebook.volume?.mount_path ?? "/home/ma-user/work"}`);
