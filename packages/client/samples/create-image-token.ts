// npm install @notebook-image/client
import { createNotebookImageClient, ModelArtsApiError, RequestValidationError } from "@notebook-image/client";

const token = process.env.NOTEBOOK_IMAGE_TOKEN;
if (!token) throw new Error("Set NOTEBOOK_IMAGE_TOKEN to an IAM token scoped to the project.");

const client = createNotebookImageClient({
  projectId: "0f7a8e3b9c6d4e2f8a1b2c3d4e5f6a7b",
  region: "cn-north-4",
  auth: { token },
});

try {
  const image = await client.saveInstanceAsImage("6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b", {
    name: "pytorch1_4",
    namespace: "atelier-auto",
    tag: "20221223",
  });
  // The save goes on in the background: the image starts in INIT and ends ACTIVE in SWR.
  console.log(`image ${image.id} is ${image.status}; it will be at ${image.swr_path}`);
} catch (error) {
  if (error instanceof RequestValidationError) {
    // Thrown before anything is sent, listing every problem at once.
    for (const issue of error.issues) console.error(`${issue.path}: ${issue.message}`);
  } else if (error instanceof ModelArtsApiError) {
    // For example 400 ModelArts.6327 when the instance is not running.
    console.error(`${error.status} ${error.errorCode}: ${error.errorMsg}`);
  } else {
    throw error;
  }
}
