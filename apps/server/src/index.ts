// @notebook-image/server: the public API of the package.
export type {
  Engine,
  EngineFailure,
  EngineNotebook,
  EngineStepContext,
  ImageTarget,
} from "./engine/engine.js";
export { EngineError } from "./engine/engine.js";
