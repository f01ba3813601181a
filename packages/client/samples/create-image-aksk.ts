// npm install @notebook-image/client
import { createNotebookImageClient } from "@notebook-image/client";

// The same variables as Huawei's own SDKs; every request is signed (SDK-HMAC-SHA256).
const { HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_PROJECT_ID } = process.env;
if (!HUAWEICLOUD_SDK_AK || !HUAWEICLOUD_SDK_SK || !HUAWEICLOUD_SDK_PROJECT_ID) {
  throw new Error("Set HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK and HUAWEICLOUD_SDK_PROJECT_ID.");
}

const client = createNotebookImageClient({
  projectId: HUAWEICLOUD_SDK_PROJECT_ID,
  region: "cn-north-4",
  auth: { accessKey: HUAWEICLOUD_SDK_AK, secretKey: HUAWEICLOUD_SDK_SK },
});

const image = await client.saveInstanceAsImage("6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b", {
  name: "pytorch1_4",
  namespace: "atelier-auto",
  tag: "20221223",
  description: "save from notebook-x21d",
});
console.log(image.id, image.status, image.swr_path);
