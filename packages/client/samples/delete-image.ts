// npm install @notebook-image/client
import { createNotebookImageClient } from "@notebook-image/client";

const token = process.env.NOTEBOOK_IMAGE_TOKEN;
if (!token) throw new Error("Set NOTEBOOK_IMAGE_TOKEN to an IAM token scoped to the project.");
const client = createNotebookImageClient({
  projectId: "0f7a8e3b9c6d4e2f8a1b2c3d4e5f6a7b",
  region: "cn-north-4",
  auth: { token },
});

// force: also delete the image content in SWR, not only the image record.
const deleted = await client.deleteImage("4e0d1854-63e5-4517-b683-a0ee97a692a1", { force: true });
console.log(deleted ? `${deleted.id} is ${deleted.status}` : "deleted");
