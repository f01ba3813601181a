// ModelArts' built-in images (ListImage's default `type=BUILD_IN`): the images a first notebook is
// created from. A few, as the real catalogue presents them (names, tags and the `atelier`
// organization of the API reference's examples); they belong to no project and cannot be deleted.
import type { components } from "@notebook-image/spec/types";
import { baseImage } from "./seed.js";
import type { ImageRecord } from "./store-port.js";

type Schemas = components["schemas"];

export interface BuiltInImage extends ImageRecord {
  /** Display name and version, which only built-in images have (ListImage filters on them). */
  showName: string;
  showTag: string;
  resourceCategories: Schemas["ResourceCategory"][];
}

/** When the catalogue was published (every built-in image shows it as create_at and update_at). */
const PUBLISHED_AT = 1_638_841_744_515;

function builtIn(
  registryHost: string,
  entry: Pick<BuiltInImage, "id" | "name" | "tag" | "description" | "resourceCategories">,
): BuiltInImage {
  return {
    ...entry,
    projectId: "",
    notebookId: null,
    namespace: "atelier",
    workspaceId: "0",
    status: "ACTIVE",
    statusMessage: null,
    swrPath: `${registryHost}/atelier/${entry.name}:${entry.tag}`,
    size: null,
    arch: "x86_64",
    origin: "CUSTOMIZE",
    type: "BUILD_IN",
    serviceType: "DEV",
    visibility: "PUBLIC",
    showName: entry.name,
    showTag: entry.tag,
    createAt: PUBLISHED_AT,
    updateAt: PUBLISHED_AT,
  };
}

/** The catalogue, in the order ListImage shows it. The first is the image seeded notebooks run. */
export function builtInImages(registryHost: string): BuiltInImage[] {
  const base = baseImage(registryHost);
  return [
    builtIn(registryHost, {
      id: base.id,
      name: base.name,
      tag: base.swrPath.slice(base.swrPath.lastIndexOf(":") + 1),
      description: "Multi-kernel CPU image with Python 3.6 (JupyterLab)",
      resourceCategories: ["CPU"],
    }),
    builtIn(registryHost, {
      id: "a3c4f1d2-7b8e-4c9d-8e1f-2a3b4c5d6e7f",
      name: "pytorch_1_8",
      tag: "pytorch_1.8.0-cuda_10.2-py_3.7-ubuntu_18.04-x86_64",
      description: "PyTorch 1.8.0, CUDA 10.2, Python 3.7 on Ubuntu 18.04",
      resourceCategories: ["CPU", "GPU"],
    }),
    builtIn(registryHost, {
      id: "5d7e9f1a-2b3c-4d5e-9f6a-7b8c9d0e1f2a",
      name: "mindspore_1_7_0",
      tag: "mindspore_1.7.0-cuda_10.1-py_3.7-ubuntu_18.04-x86_64",
      description: "MindSpore 1.7.0, CUDA 10.1, Python 3.7 on Ubuntu 18.04",
      resourceCategories: ["CPU", "GPU"],
    }),
  ];
}
