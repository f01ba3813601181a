// npm install @notebook-image/client
import { createNotebookImageClient } from "@notebook-image/client";

const token = process.env.NOTEBOOK_IMAGE_TOKEN;
if (!token) throw new Error("Set NOTEBOOK_IMAGE_TOKEN to an IAM token scoped to the project.");
const client = createNotebookImageClient({
  projectId: "0f7a8e3b9c6d4e2f8a1b2c3d4e5f6a7b",
  region: "cn-north-4",
  auth: { token },
});

// Every saved image of the organization, page after page (saved images are DEDICATED).
for await (const image of client.listImages({ type: "DEDICATED", namespace: "atelier-auto" })) {
  console.log(`${image.name}:${image.tag ?? ""} ${image.status} ${image.id}`);
}
